"""Generate rotor_cases.json: a few CCBlade / calcAero results of the reference RAFT beyond the stored references.

Run with the reference environment (openraft 2.0.4, wisdem 3.22.5):
    <refenv>/bin/python make_rotor_fixture.py <designs-e2e/inputs/VolturnUS-S.yaml>
Uses the VolturnUS-S turbine (aeroServoMod 2) with w = 2*pi*[0.02, 0.05, 0.1, 0.2].
"""
import json, sys
import numpy as np
import yaml
from raft.raft_rotor import Rotor

design = yaml.load(open(sys.argv[1]), Loader=yaml.FullLoader)
turb = design["turbine"]
turb.setdefault("nrotors", 1)
for k, v in [("rho_air", 1.225), ("mu_air", 1.81e-5), ("shearExp_air", 0.12),
             ("rho_water", 1025.0), ("mu_water", 1e-3), ("shearExp_water", 0.12)]:
    turb[k] = design["site"].get(k, v)
w = 2 * np.pi * np.array([0.02, 0.05, 0.1, 0.2])
rot = Rotor(turb, w, 0)
rot.setPosition()
out = {"omega": w.tolist(), "ccblade": [], "calcAero": []}

# direct CCBlade evaluations: (U, Omega_rpm, pitch_deg, tilt_rad, yaw_rad)
for U, Om, pitch, tilt, yaw in [(8.0, 6.0, 0.0, 0.1, 0.7), (8.0, 6.0, 0.0, 0.1, -0.7), (40.0, 0.0, 90.0, 0.1, 0.0),
                                (20.0, 7.56, 56.0, 0.0, 0.0), (12.0, 7.56, 5.0, -0.2, 0.3)]:
    rot.ccblade.tilt = tilt
    rot.ccblade.yaw = yaw
    loads, derivs = rot.ccblade.evaluate(U, Om, pitch, coefficients=True)
    out["ccblade"].append({"U": U, "Omega": Om, "pitch": pitch, "tilt": tilt, "yaw": yaw,
                           "T": float(loads["T"][0]), "Y": float(loads["Y"][0]), "Z": float(loads["Z"][0]),
                           "Q": float(loads["Q"][0]), "My": float(loads["My"][0]), "Mz": float(loads["Mz"][0]),
                           "P": float(loads["P"][0]), "CP": float(loads["CP"][0]), "CT": float(loads["CT"][0]),
                           "dT": [float(derivs["dT"][k][0, 0]) for k in ("dUinf", "dOmega", "dpitch")],
                           "dQ": [float(derivs["dQ"][k][0, 0]) for k in ("dUinf", "dOmega", "dpitch")]})

# calcAero with control, yaw_mode 0, several speeds / headings / turbulence specs
for ws, wh, ti in [(4.0, 0, 0.1), (8.0, 30, "IB_NTM"), (11.0, 0, "IIIC_ETM"), (14.0, -20, 0.2), (22.0, 0, "IA_EWM"), (40.0, 0, 0.1)]:
    case = {"wind_speed": ws, "wind_heading": wh, "turbulence": ti, "turbine_status": "operating"}
    f0, f, a, b = rot.calcAero(case)
    e = {"case": case, "f_aero0": f0.tolist(), "f_re": np.real(f[:, :]).tolist(), "f_im": np.imag(f[:, :]).tolist(),
         "a00": a[0, 0, :].tolist(), "b00": b[0, 0, :].tolist(), "a44": a[4, 4, :].tolist(), "b44": b[4, 4, :].tolist(),
         "Omega_case": float(rot.Omega_case), "pitch_case": float(rot.pitch_case), "V_w": np.real(rot.V_w).tolist(),
         "kp_beta": float(rot.kp_beta), "ki_beta": float(rot.ki_beta),
         "C_re": np.real(rot.C).tolist(), "C_im": np.imag(rot.C).tolist()}
    out["calcAero"].append(e)

def clean(v):  # NaN as the string "NaN" (the references' JSON convention; bare NaN is not JSON)
    if isinstance(v, dict):
        return {k: clean(x) for k, x in v.items()}
    if isinstance(v, list):
        return [clean(x) for x in v]
    if isinstance(v, float) and v != v:
        return "NaN"
    return v

with open("rotor_cases.json", "w") as fh:
    json.dump(clean(out), fh)
