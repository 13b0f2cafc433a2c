"""Phase-diagram figures of `hebbmc phase` files (docs/theory.md, "Phase diagrams").

Storage models: every line in the (alpha, T) plane (RS solid, 1RSB dashed, closed forms dotted), the
T = 0 capacities, and the regions P (paramagnet), SG (spin glass), R (retrieval is the equilibrium
state), M (retrieval states exist but are metastable). Learning models: one plane, rho_T (T_s and T_c
versus rho at alpha = 0) or alpha_rho (alpha_s and alpha_c versus rho at T_fixed), several files
overlaid, one colour per model.
"""
import numpy as np

from .errors import PlotError

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



LEARNING_COLOUR = {"supervised": "tab:blue", "unsupervised": "tab:orange"}


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
    """Bold region letters (P, R, M, SG) where the lines of a storage diagram leave room."""
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


def finite(x, y):
    """The points where both coordinates are finite (NaN marks where a line does not exist)."""
    ok = np.isfinite(x) & np.isfinite(y)
    return x[ok], y[ok]


def region_text(ax, x, y, text, colour="black"):
    """A bold region label at (x, y), skipped where the position is undefined."""
    if np.isfinite(x) and np.isfinite(y) and y > 0:
        ax.text(x, y, text, fontsize=12, fontweight="bold", ha="center", va="center", color=colour)


def draw_learning(ax, diagrams, plane):
    """The learning lines of one plane for every file; returns the title."""
    first_meta = diagrams[0][0]
    if plane == "rho_T":
        for k, (meta, lines, anchors) in enumerate(diagrams):
            kind = meta["model_type"]
            colour, width = LEARNING_COLOUR.get(kind, "black"), 2.6 if k == 0 else 1.2
            for name, style, what in (("retrieval_spinodal_T", "-", "$T_s$ spinodal"),
                                      ("retrieval_coexistence_T", "--", "$T_c$ = paramagnet (first order)")):
                if name in lines:
                    x, y = finite(lines[name]["rho"], lines[name]["T"])
                    ax.plot(x, y, style, color=colour, lw=width, label=f"{kind}: {what}")
            if "T_M_dense_alpha0" in anchors and k == 0:
                ax.plot(0, anchors["T_M_dense_alpha0"], "ko", ms=5, clip_on=False, zorder=5,
                        label="dense storage $T_M$ (5(b))")
        meta, lines, _ = diagrams[0]
        if "retrieval_spinodal_T" in lines and "retrieval_coexistence_T" in lines:
            rho = 0.6 * meta["rho_max"]
            ts = np.interp(rho, *finite(lines["retrieval_spinodal_T"]["rho"], lines["retrieval_spinodal_T"]["T"]))
            tc = np.interp(rho, *finite(lines["retrieval_coexistence_T"]["rho"], lines["retrieval_coexistence_T"]["T"]))
            region_text(ax, rho, 0.5 * tc, "R")
            region_text(ax, rho, 0.5 * (tc + ts), "M")
            region_text(ax, rho, 0.5 * (ts + meta["T_max"]), "P")
        ax.set_ylim(meta["T_min"], meta["T_max"])
        ax.set_ylabel("T")
        return (f"P = {int(first_meta['P'])}, M = {int(first_meta['M'])}, alpha = 0: supervised = unsupervised (5(d) = 5(c)); "
                "R retrieval stable, M metastable, P paramagnet")
    lowest = np.inf
    for meta, lines, anchors in diagrams:
        kind = meta["model_type"]
        colour = LEARNING_COLOUR.get(kind, "black")
        for name, style, what in (("retrieval_spinodal_alpha", "-", r"$\alpha_s$ spinodal"),
                                  ("retrieval_coexistence_alpha", "--", r"$\alpha_c$ = spin glass / paramagnet (first order)")):
            if name in lines:
                x, y = finite(lines[name]["rho"], lines[name]["alpha"])
                ax.plot(x, y, style, color=colour, lw=1.8, label=f"{kind}: {what}")
                if len(y):
                    lowest = min(lowest, y[y > 0].min())
        if kind == "supervised" and "retrieval_spinodal_alpha" in lines:
            l = lines["retrieval_spinodal_alpha"]
            M, P = meta["M"], meta["P"]
            r = 1 / np.sqrt(1 + M * l["rho"])
            R = r * r + (1 - r * r) / M
            gamma_unsup = (1 + (M - 1) * r ** (2 * P)) / (M * R ** P)  # eq. L16
            x, y = finite(l["rho"], l["alpha"] / gamma_unsup)
            ax.plot(x, y, ".", color="black", ms=4, zorder=4, label=r"supervised $\alpha_s$ / $\gamma$ (eq. L16)")
        spin = lines.get("retrieval_spinodal_alpha")
        coex = lines.get("retrieval_coexistence_alpha")
        if spin is not None and coex is not None:
            rho = (0.15 if kind == "supervised" else 0.55) * meta["rho_max"]
            a_s = np.interp(rho, *finite(spin["rho"], spin["alpha"]))
            a_c = np.interp(rho, *finite(coex["rho"], coex["alpha"]))
            region_text(ax, rho, 0.3 * a_c, "R", colour)
            region_text(ax, rho, np.sqrt(a_c * a_s), "M", colour)
            region_text(ax, rho, min(3 * a_s, np.sqrt(a_s * meta["alpha_max"])), "SG", colour)
        if "alpha_M_dense_T_fixed" in anchors and kind == "supervised":
            ax.plot(0, anchors["alpha_M_dense_T_fixed"], "ko", ms=5, clip_on=False, zorder=5,
                    label=r"dense storage $\alpha$ spinodal (5(b))")
    ax.set_yscale("log")
    if np.isfinite(lowest):
        ax.set_ylim(0.3 * lowest, first_meta["alpha_max"])
    ax.set_ylabel(r"$\alpha$ (K / N$^{P-1}$)")
    return (f"P = {int(first_meta['P'])}, M = {int(first_meta['M'])}, T = {first_meta['T_fixed']:g}: "
            "R retrieval stable, M metastable, SG spin glass (colour: model)")


def draw_mc(ax, runs, plane):
    """Monte Carlo points of `hebbmc run` outputs (hebbmc.Run of learning points) over the lines: filled
    where the disorder-averaged m_1 > 0.5 (retrieval), open where not; (rho, T) plane only (alpha = 0)."""
    if plane != "rho_T":
        raise PlotError("--mc points are drawn in the rho_T plane (the example runs are at alpha = 0)")
    for k, run in enumerate(runs):
        table = run.table
        for column in ("rho", "T", "m_mean"):
            if column not in table or table[column].isna().any():
                raise PlotError(f"{run.path}: not every point is a learning point with a summary (no {column})")
        kinds = sorted(set(table["type"])) if "type" in table else ["?"]
        kind = kinds[0]
        rho, T, m = (table[c].to_numpy(dtype=float) for c in ("rho", "T", "m_mean"))
        colour = LEARNING_COLOUR.get(kind, "black")
        marker = "o" if k == 0 else "s"
        on = m > 0.5
        ax.plot(rho[on], T[on], marker, color=colour, ms=6, zorder=6, label=f"MC {kind}: retrieved (m > 0.5)")
        ax.plot(rho[~on], T[~on], marker, mfc="none", color=colour, ms=6, zorder=6, label=f"MC {kind}: not retrieved")


def check_learning(diagrams, plane):
    """Refuse learning diagrams that cannot share one plane (PlotError naming the file)."""
    first = diagrams[0].meta
    for diagram in diagrams:
        if not diagram.learning:
            raise PlotError(f"{diagram.path}: a storage phase diagram cannot be overlaid on learning ones")
        if int(diagram.meta["M"]) != int(first["M"]) or int(diagram.meta["P"]) != int(first["P"]):
            raise PlotError(f"{diagram.path}: P and M must be the same in every file (rho is the axis at fixed M)")
    if plane is None:
        raise PlotError("learning files: choose the plane with --plane rho_T or --plane alpha_rho")
    for diagram in diagrams:
        if not any(line.attrs.get("plane") == plane for line in diagram.lines.values()):
            raise PlotError(f"{diagram.path}: no lines of the {plane} plane (set plane = \"{plane}\" or \"both\" in [phase])")


def plot_learning(ax, diagrams, plane, runs=()):
    """One plane of one or several learning diagrams (same P and M), with MC points of runs if given."""
    check_learning(diagrams, plane)
    title = draw_learning(ax, [(d.meta, d.lines, d.anchors) for d in diagrams], plane)
    meta = diagrams[0].meta
    M = meta["M"]
    ax.set_xlim(meta["rho_min"], meta["rho_max"])
    ax.set_xlabel(r"$\rho = (1 - r^2)/(M r^2)$")
    top = ax.secondary_xaxis("top", functions=(lambda rho: 1 / np.sqrt(1 + M * np.maximum(rho, 0)),
                                                lambda r: (1 - r * r) / (M * np.maximum(r, 1e-9) ** 2)))
    ticks = [r for r in (0.7, 0.5, 0.4, 0.3, 0.25, 0.2, 0.15, 0.1)
             if meta["rho_min"] <= (1 - r * r) / (M * r * r) <= meta["rho_max"]]
    top.set_xticks(ticks)
    top.set_xlabel(f"r at M = {int(M)}")
    if runs:
        draw_mc(ax, runs, plane)
    ax.set_title(title, fontsize=8)
    ax.legend(fontsize=7, loc="lower left")
    return ax


def plot_storage(ax, diagram):
    """The (alpha, T) diagram of a storage model: every line, the T = 0 capacities, region labels."""
    meta, lines, anchors = diagram.meta, diagram.lines, diagram.anchors
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
        ax.plot(a, t, style, color=colour, lw=1.8, label=f"{label} [{line.attrs.get('level', '?')}]")
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
    return ax


def phase_figure(diagrams, output, plane=None, runs=()):
    """Draw one storage diagram, or one plane of learning diagrams, into a new figure saved as output."""
    import matplotlib.pyplot as plt
    figure, ax = plt.subplots(figsize=(7.5, 5.5))
    try:
        if len(diagrams) > 1 or diagrams[0].learning:
            plot_learning(ax, diagrams, plane, runs)
        else:
            if runs:
                raise PlotError("--mc points are drawn over learning diagrams only")
            plot_storage(ax, diagrams[0])
        figure.tight_layout()
        figure.savefig(output, dpi=130)
    finally:
        plt.close(figure)
    return output
