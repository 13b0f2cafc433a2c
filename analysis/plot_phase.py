#!/usr/bin/python3
"""Draw the phase diagram written by `hebbmc phase` (docs/theory.md, "Phase diagrams").

usage: analysis/plot_phase.py PHASE.h5 [-o PLOT.png]
       analysis/plot_phase.py PARAMETERS.toml [--hebbmc PATH] [-o PLOT.png]   (runs `hebbmc phase` first)

Reads /phase/lines/<name>/{alpha,T,status} and /phase/anchors, draws every line (RS solid,
1RSB dashed, closed forms dotted), marks the T = 0 capacities, and labels the regions:
P (paramagnet), SG (spin glass), R (retrieval is the equilibrium state), M (retrieval states
exist but are metastable). Exit status 2 with a message on stderr if the file is not a hebbmc
phase-diagram file. Needs Debian's /usr/bin/python3 with h5py, numpy, matplotlib.
"""
import argparse
import sys

import numpy as np

STYLE = {  # name: (label, colour, linestyle)
    "paramagnet_spin_glass": ("$T_g$: paramagnet unstable (SG appears)", "tab:purple", "-"),
    "retrieval_spinodal": ("$T_M$: retrieval spinodal", "tab:blue", "-"),
    "retrieval_coexistence": ("$T_c$: retrieval = spin glass (first order)", "tab:red", "-"),
    "retrieval_coexistence_rs": ("retrieval = paramagnet / SG (RS, first order)", "tab:red", "-"),
    "retrieval_coexistence_1rsb": ("retrieval = glass (1RSB glass, first order)", "tab:red", "--"),
    "retrieval_replicon": ("$T_R$: RS retrieval unstable below (AT)", "tab:gray", "-."),
    "spin_glass_spinodal_rs": ("RS spin glass exists below", "tab:green", "-"),
    "paramagnet_zero_entropy": ("RS paramagnet entropy = 0", "tab:olive", ":"),
    "spin_glass_transition_1rsb": ("$T_s$: 1RSB glass transition", "tab:purple", "--"),
}


def fail(message):
    print(f"plot_phase.py: error: {message}", file=sys.stderr)
    sys.exit(2)


def read(path):
    import h5py
    try:
        f = h5py.File(path, "r")
    except OSError as e:
        fail(f"{path}: not an HDF5 file ({e})")
    if f.attrs.get("program") != "hebbmc" or f.attrs.get("kind") != "phase diagram" or "phase" not in f:
        fail(f"{path}: not a hebbmc phase-diagram file (write one with `hebbmc phase FILE.toml`)")
    phase = f["phase"]
    lines = {}
    for name, g in phase["lines"].items():
        lines[name] = dict(alpha=g["alpha"][:], T=g["T"][:], level=g.attrs["level"])
    anchors = {name: float(d[()]) for name, d in phase["anchors"].items()}
    meta = dict(phase.attrs)
    return meta, lines, anchors


def crossing(line, T):
    """alpha of a line (given on a T grid) at temperature T, by linear interpolation; NaN if outside."""
    a, t = line["alpha"], line["T"]
    ok = np.isfinite(a) & np.isfinite(t)
    a, t = a[ok], t[ok]
    if len(t) < 2 or not (t.min() <= T <= t.max()):
        return np.nan
    order = np.argsort(t)
    return float(np.interp(T, t[order], a[order]))


def crossing_T(line, alpha):
    """T of a line (given on a T grid) at alpha: the largest T where it crosses alpha; 0 if none."""
    a, t = line["alpha"], line["T"]
    ok = np.isfinite(a) & np.isfinite(t)
    a, t = a[ok], t[ok]
    best = 0.0
    for i in range(len(a) - 1):
        if (a[i] - alpha) * (a[i + 1] - alpha) <= 0 and a[i] != a[i + 1]:
            best = max(best, t[i] + (alpha - a[i]) * (t[i + 1] - t[i]) / (a[i + 1] - a[i]))
    return best


def label_regions(ax, meta, lines, anchors):
    amax, tmax = meta["alpha_max"], meta["T_max"]
    box = dict(fontsize=13, fontweight="bold", ha="center", va="center")
    ax.text(0.85 * amax, 0.93 * tmax, "P", **box)
    coex = lines.get("retrieval_coexistence") or lines.get("retrieval_coexistence_1rsb") or lines.get("retrieval_coexistence_rs")
    spin = lines.get("retrieval_spinodal")
    T_lab = 0.15 * (anchors.get("T_c_alpha0", tmax))
    a_c = crossing(coex, T_lab) if coex else np.nan
    a_m = crossing(spin, T_lab) if spin else np.nan
    if np.isfinite(a_c):
        ax.text(0.5 * a_c, T_lab, "R", **box)
    if np.isfinite(a_c) and np.isfinite(a_m) and a_m > a_c:
        ax.text(0.5 * (a_c + a_m), T_lab, "M", **box)
    if np.isfinite(a_m) and meta["P"] == 2:
        ax.text(0.5 * (a_m + amax), T_lab, "SG", **box)
        t_g = lines.get("paramagnet_spin_glass")
        if t_g is not None:  # also between the spinodal and T_g
            a_mid = 0.6 * amax
            tg = np.interp(a_mid, t_g["alpha"][np.isfinite(t_g["T"])], t_g["T"][np.isfinite(t_g["T"])])
            ax.text(a_mid, 0.5 * (tg + crossing_T(spin, a_mid)), "SG", **box)
    ts = lines.get("spin_glass_transition_1rsb")
    if np.isfinite(a_m) and ts is not None:  # dense: the 1RSB glass lies below T_s, right of the coexistence line
        tsa = np.interp(amax, ts["alpha"], ts["T"])
        ax.text(0.5 * (a_c + amax) if np.isfinite(a_c) else 0.9 * amax, 0.45 * tsa, "SG", **box)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", help="phase-diagram HDF5 file, or a parameter file to run `hebbmc phase` on")
    parser.add_argument("-o", "--output", help="PNG to write (default: FILE with .png)")
    parser.add_argument("--hebbmc", default="hebbmc", help="hebbmc executable used for a .toml input")
    args = parser.parse_args()
    path = args.file
    if path.endswith(".toml"):  # one command from parameter file to PNG
        import os
        import subprocess
        import tempfile
        tmp = tempfile.mkdtemp()
        path = os.path.join(tmp, "phase.h5")
        done = subprocess.run([args.hebbmc, "phase", args.file, "-o", path, "--force"])
        if done.returncode != 0:
            sys.exit(done.returncode)
    meta, lines, anchors = read(path)
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.5, 5.5))
    # End points at alpha = 0, located along T (anchors), close the lines traced along alpha.
    ends = {"retrieval_spinodal": anchors.get("T_M_alpha0", anchors.get("T_c_alpha0")),
            "retrieval_coexistence": anchors.get("T_c_alpha0"),
            "retrieval_coexistence_rs": anchors.get("T_c_alpha0"),
            "retrieval_coexistence_1rsb": anchors.get("T_c_alpha0")}
    for name, line in lines.items():
        label, colour, style = STYLE.get(name, (name, "black", "-"))
        ok = np.isfinite(line["alpha"]) & np.isfinite(line["T"])
        if ok.sum() < 1:
            continue
        a, t = line["alpha"][ok], line["T"][ok]
        end = ends.get(name)
        if end is not None and np.isfinite(end) and end > t.max():
            a, t = np.append(a, 0.0), np.append(t, end)
        ax.plot(a, t, style, color=colour, lw=1.8, label=f"{label} [{line['level']}]")
    for key, marker, text in (("alpha_c_T0", "o", r"$\alpha_c$"), ("alpha_c_rs_T0", "o", r"$\alpha_c^{RS}$"),
                              ("alpha_c_1rsb_T0", "s", r"$\alpha_c^{1RSB}$")):
        if np.isfinite(anchors.get(key, np.nan)):
            ax.plot(anchors[key], 0, marker, color="black", ms=6, clip_on=False, zorder=5)
            ax.annotate(f"{text} = {anchors[key]:.4g}", (anchors[key], 0), textcoords="offset points",
                        xytext=(-30, 8 if "1rsb" not in key else 22), fontsize=8)
    label_regions(ax, meta, lines, anchors)
    ax.set_xlim(meta["alpha_min"], meta["alpha_max"])
    ax.set_ylim(meta["T_min"], meta["T_max"])
    ax.set_xlabel(r"$\alpha$ (K / N$^{P-1}$)")
    ax.set_ylabel("T")
    ax.set_title(f"{meta['model']}: P paramagnet, SG spin glass, R retrieval stable, M retrieval metastable",
                 fontsize=9)
    if meta["P"] == 2:
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(0.0, 0.93))
    else:
        ax.legend(fontsize=7, loc="upper right", bbox_to_anchor=(1.0, 0.88))
    fig.tight_layout()
    out = args.output or args.file.rsplit(".", 1)[0] + ".png"
    fig.savefig(out, dpi=130)
    print(out)


if __name__ == "__main__":
    main()
