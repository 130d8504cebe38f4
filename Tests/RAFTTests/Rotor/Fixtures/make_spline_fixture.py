"""Generate spline_fits.json: SciPy RectBivariateSpline smoothing fits of IEA15MW.yaml polars as CCBlade builds them.

Run with the reference environment (scipy 1.17.1, openraft 2.0.4, wisdem 3.22.5):
    <refenv>/bin/python make_spline_fixture.py <path to raft-regression/test_data/IEA15MW.yaml>
Section 'airfoils': raw airfoil tables resampled on RAFT's 200-point grid (numpy interp + -180 deg fix).
Section 'elements': RAFT Rotor element tables (PCHIP over thickness) for a few elements.
"""
import json, sys
import numpy as np
import yaml
from scipy.interpolate import RectBivariateSpline

path = sys.argv[1]
design = yaml.load(open(path), Loader=yaml.FullLoader)
aoa = np.unique(np.hstack([np.linspace(-180, -30, 51), np.linspace(-30, 30, 100), np.linspace(30, 180, 51)]))
alpha = np.radians(aoa)
probe = [-3.2, -3.0, -2.0, -0.5, -0.1, 0.0, 0.1, 0.3, 1.0, 2.5, 3.0, 3.2]

def fit(z, s):
    sp = RectBivariateSpline(alpha, [1e1, 1e15], np.c_[z, z], kx=3, ky=1, s=s)
    tx = sp.get_knots()[0]
    val = [float(sp.ev(a, 1e7)) for a in probe]
    der = [float(sp(a, 1e7, dx=1)[0, 0]) for a in probe]
    # knots as repr strings: Foundation's JSONSerialization does not parse every double exactly
    return {"s": s, "knots": [repr(float(t)) for t in tx], "fp": float(sp.get_residual()),
            "coef0": float(sp.get_coeffs()[0]), "coef_mid": float(sp.get_coeffs()[2 * ((len(tx) - 4) // 2)]),
            "value": val, "slope": der}

out = {"probe_alpha": probe, "probe_re": 1e7, "airfoils": [], "elements": []}
for af in design["turbine"]["airfoils"]:
    tab = np.array(af["data"], dtype=float)
    entry = {"name": af["name"]}
    for col, key, s in [(1, "cl", 0.1), (2, "cd", 0.001)]:
        c = np.interp(aoa, tab[:, 0], tab[:, col])
        if abs(c[0] - c[-1]) > 1e-5:
            c[0] = c[-1]
        entry[key] = fit(c, s)
    out["airfoils"].append(entry)

try:
    import raft
    from raft.raft_rotor import Rotor
    turb = design["turbine"]
    turb.setdefault("nrotors", 1)
    for k, v in [("rho_air", 1.225), ("mu_air", 1.81e-5), ("shearExp_air", 0.12),
                 ("rho_water", 1025.0), ("mu_water", 1e-3), ("shearExp_water", 0.12)]:
        turb[k] = design["site"].get(k, v)
    w = np.arange(0.02, 0.2 + 0.01, 0.02) * 2 * np.pi
    rot = Rotor(turb, w, 0)
    for e in [0, 5, 10, 19]:
        out["elements"].append({"element": e, "r_thick": float(rot.r_thick_interp[e]),
                                "cl": fit(rot.cl_interp[e, :, 0], 0.1), "cd": fit(rot.cd_interp[e, :, 0], 0.001),
                                "cl_table_sample": [float(rot.cl_interp[e, j, 0]) for j in (0, 50, 100, 150, 199)],
                                "cd_table_sample": [float(rot.cd_interp[e, j, 0]) for j in (0, 50, 100, 150, 199)]})
except ImportError:
    pass

with open("spline_fits.json", "w") as f:
    json.dump(out, f, indent=None)
