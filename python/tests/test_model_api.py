"""swiftraft.Model: RAFT's API, dict and path inputs, results layout, errors."""
from __future__ import annotations

import copy
import os

import numpy as np
import pytest

import swiftraft


def analyze(design) -> swiftraft.Model:
    m = swiftraft.Model(design)
    m.analyzeUnloaded()
    m.solveEigen()
    m.analyzeCases()
    return m


def test_dict_and_path_give_identical_results(oc3_path, oc3_dict):
    a, b = analyze(oc3_path), analyze(oc3_dict)
    assert a.nFOWT == b.nFOWT == 1
    np.testing.assert_array_equal(a.results["freq_rad"], b.results["freq_rad"])
    for i in a.results["case_metrics"]:
        for k, v in a.results["case_metrics"][i][0].items():
            np.testing.assert_array_equal(v, b.results["case_metrics"][i][0][k], err_msg=f"case {i} {k}")
    np.testing.assert_array_equal(a.results["eigen"]["frequencies"], b.results["eigen"]["frequencies"])


def test_numpy_values_in_the_dict_are_accepted(oc3_dict):
    d = copy.deepcopy(oc3_dict)
    d["platform"]["members"][0]["d"] = np.asarray(d["platform"]["members"][0]["d"], dtype=float)
    d["site"]["water_depth"] = np.float64(d["site"]["water_depth"])
    m = swiftraft.Model(d)
    m.solveStatics(None)
    assert np.all(np.isfinite(m.fowtList[0].r6))


def test_results_layout_and_units(oc3_path):
    m = analyze(oc3_path)
    r = m.results
    nw = len(r["freq_rad"])
    assert nw == m.nw and np.all(np.diff(r["freq_rad"]) > 0)
    cm = r["case_metrics"]
    assert list(cm) == list(range(m.nCases))
    f = cm[0][0]
    assert isinstance(f["surge_avg"], np.floating)           # motions: numbers, as RAFT
    assert f["pitch_PSD"].shape == (nw,)
    assert f["AxRNA_PSD"].shape == (nw, 1)                    # per rotor: [nw, nrotors]
    assert f["Tmoor_PSD"].shape == (6, nw)                    # per line end: [2·nLines, nw]
    assert f["Tmoor_avg"].shape == (6,)
    assert f["surge_RA"].dtype == np.complex128 and f["surge_RA"].shape[1] == nw   # [sources, nw], as RAFT
    # pitch in degrees: std from the PSD (rectangle rule) equals pitch_std
    dw = r["freq_rad"][1] - r["freq_rad"][0]
    assert np.sqrt(np.sum(f["pitch_PSD"]) * dw) == pytest.approx(f["pitch_std"], rel=1e-9)
    props = r["properties"]
    assert props["M_struc"].shape == (6, 6) and props["total mass"] == props["M_struc"][0, 0]
    assert props["offset_unloaded"].shape == (6,)
    # RAFT's calcOutputs names (raft_model.py results['properties'])
    for name in ["tower mass", "tower CG", "substructure mass", "substructure CG", "shell mass", "ballast mass",
                 "ballast densities", "total CG", "roll inertia at subCG", "pitch inertia at subCG",
                 "yaw inertia at subCG", "buoyancy (pgV)", "center of buoyancy", "C hydrostatic", "C system", "F_lines0",
                 "C_lines0", "M support structure", "A support structure", "C support structure"]:
        assert name in props, name
    np.testing.assert_allclose(props["C system"], props["C_struc"] + props["C_hydro"] + props["C_lines0"], rtol=1e-15)
    fns, modes = m.solveEigen()
    assert fns.shape == (6,) and modes.shape == (6, 6)


def test_solve_statics_without_and_with_a_case(oc3_path):
    m = swiftraft.Model(oc3_path)
    m.solveStatics(None)
    still = m.fowtList[0].r6.copy()
    m.solveStatics({"wind_speed": 8, "wind_heading": 0, "turbulence": 0, "turbine_status": "operating",
                    "wave_spectrum": "JONSWAP", "wave_period": 0, "wave_height": 0, "wave_heading": 0})
    assert m.fowtList[0].r6[0] > still[0] + 1.0          # thrust pushes the spar downwind
    assert m.fowtList[0].r6[4] > still[4]                 # and pitches it


def test_bad_design_value_raises_input_error_with_yaml_path(oc3_dict):
    d = copy.deepcopy(oc3_dict)
    d["platform"]["members"][0]["d"] = -3.0
    with pytest.raises(swiftraft.InputError) as e:
        swiftraft.Model(d)
    assert isinstance(e.value, ValueError)
    msg = str(e.value)
    assert msg.startswith("<dict>: platform.members[0].d: ") and "got -3.0" in msg, msg


def test_bad_design_file_message_names_file_and_line(tmp_path, oc3_path):
    bad = tmp_path / "typo.yaml"
    bad.write_text(open(oc3_path).read().replace("water_depth: 200", "water_depth: -200", 1))
    with pytest.raises(swiftraft.InputError) as e:
        swiftraft.Model(str(bad))
    msg = str(e.value)
    assert msg.startswith("typo.yaml:29:") and "site.water_depth" in msg, msg


def test_bad_case_dict_raises_input_error(oc3_path):
    m = swiftraft.Model(oc3_path)
    with pytest.raises(swiftraft.InputError, match=r"turbine_status.*did you mean 'operating'"):
        m.solveStatics({"wind_speed": 8, "turbine_status": "Operating", "wave_heading": 0, "wave_period": 0,
                        "wave_height": 0})


def test_missing_file_and_wrong_types():
    with pytest.raises(swiftraft.InputError, match="cannot read"):
        swiftraft.Model("/nonexistent/design.yaml")
    with pytest.raises(TypeError):
        swiftraft.Model(42)  # type: ignore[arg-type]


def test_physics_failure_raises_solve_error_not_input_error(oc3_dict):
    d = copy.deepcopy(oc3_dict)
    d["settings"] = {"min_freq": 0.01, "max_freq": 0.01}   # a one-point frequency grid cannot be solved
    with pytest.raises(swiftraft.SolveError, match="frequency grid") as e:
        swiftraft.Model(d)
    assert not isinstance(e.value, ValueError)


def test_run_returns_summary_with_numpy_arrays(oc3_path):
    s = swiftraft.run(oc3_path)
    assert s["design"] == "OC3spar" or s["design"]
    assert isinstance(s["omega_rad_s"], np.ndarray)
    assert s["unloaded"]["modes"].shape == (6, 6)
    assert len(s["cases"]) == 3
    assert isinstance(s["cases"][0]["fowts"][0]["Tmoor_avg"], np.ndarray)


def test_sweep(oc3_path):
    rows = swiftraft.sweep(oc3_path, {"mooring.lines[*].length": [895.0, 905.0]}, ["pitch_std", "fn_surge"], threads=2)
    rows = rows.to_dict("records") if hasattr(rows, "to_dict") else rows
    assert [r["status"] for r in rows] == ["ok", "ok"]
    assert rows[0]["fn_surge"] != rows[1]["fn_surge"]   # longer lines: softer mooring
    with pytest.raises(swiftraft.InputError, match="did you mean 'pitch_std'"):
        swiftraft.sweep(oc3_path, {"mooring.lines[*].length": [900.0]}, ["pitch_sdt"])


def test_sweep_fatigue_metrics(oc3_path):
    """Fatigue, extreme and lifetime metrics of the design's fatigue settings can be swept; each equals what
    `run` returns for the same variant (exactly: the same Swift values); a name the settings do not give is refused."""
    with open(oc3_path) as f:
        text = f.read()
    design = text + "\nfatigue:\n  slopes: [3, 4]\n  case_hours: [4383, 1753.2, 2629.8]\n"
    metrics = ["Mbase_DEL_m4", "Tmoor_DEL_nb_m3", "pitch_mpm", "case1.Mbase_DEL_tb_m3", "Mbase_DEL_life_m4"]
    rows = swiftraft.sweep(design, {"mooring.lines[*].length": [895.0]}, metrics, base_dir=os.path.dirname(oc3_path))
    row = (rows.to_dict("records") if hasattr(rows, "to_dict") else rows)[0]
    assert row["status"] == "ok", row["error"]
    variant = design.replace("length: 902.2 ", "length: 895 ")
    assert variant.count("length: 895 ") == 3
    s = swiftraft.run(variant, base_dir=os.path.dirname(oc3_path))
    fowts = [c["fowts"][0] for c in s["cases"]]
    assert row["Mbase_DEL_m4"] == max(float(np.max(f["Mbase_DEL_m4"])) for f in fowts)
    assert row["Tmoor_DEL_nb_m3"] == max(float(np.max(f["Tmoor_DEL_nb_m3"])) for f in fowts)
    assert row["pitch_mpm"] == max(float(f["pitch_mpm"]) for f in fowts)
    assert row["case1.Mbase_DEL_tb_m3"] == float(np.max(fowts[1]["Mbase_DEL_tb_m3"]))
    assert row["Mbase_DEL_life_m4"] == float(np.max(s["fatigue"]["lifetime"][0]["Mbase_DEL_life_m4"]))
    with pytest.raises(swiftraft.InputError, match="did you mean 'Mbase_DEL_m3'"):
        swiftraft.sweep(design, {"mooring.lines[*].length": [900.0]}, ["Mbase_DEL_m5"], base_dir=os.path.dirname(oc3_path))
