"""Numbers the prose quotes about scaling laws, computed from data/scaling_law_fits.csv.

Curves: Kaplan et al. 2020 L(N) = (N_c/N)^alpha_N; the Chinchilla (Hoffmann et al. 2022) and
Epoch AI (Besiroglu et al. 2024) fits L(N, D) = E + A/N^alpha + B/D^beta, evaluated at the
compute-optimal D = r * N, with r = chinchilla_D / chinchilla_N (= 20 tokens per parameter).
"""
from pipeline.values import value

FITS = ("scaling_law_fits",)


def const(fits, fit: str, parameter: str) -> float:
    return float(fits.loc[(fits.fit == fit) & (fits.parameter == parameter), "value"].iloc[0])


def tokens_per_param(fits) -> float:
    return const(fits, "hoffmann-2022", "chinchilla_D") / const(fits, "hoffmann-2022", "chinchilla_N")


def loss(fits, fit: str, n, r=None):
    """Predicted loss at N parameters (for the two-variable fits, at D = r * N)."""
    if fit == "kaplan-2020-n":
        return (const(fits, fit, "N_c") / n) ** const(fits, fit, "alpha_N")
    r = tokens_per_param(fits) if r is None else r
    c = {p: const(fits, fit, p) for p in ("E", "A", "B", "alpha", "beta")}
    return c["E"] + c["A"] / n ** c["alpha"] + c["B"] / (r * n) ** c["beta"]


def drop_pct_10x(fits, fit: str) -> float:
    """% fall in predicted loss for a tenfold step in N, from the Chinchilla model's size."""
    n = const(fits, "hoffmann-2022", "chinchilla_N")
    return 100 * (1 - loss(fits, fit, 10 * n) / loss(fits, fit, n))


@value("scaling-kaplan-alpha-n", FITS, "{:.3f}")
def scaling_kaplan_alpha_n(fits):
    return const(fits, "kaplan-2020-n", "alpha_N")


@value("scaling-kaplan-alpha-d", FITS, "{:.3f}")
def scaling_kaplan_alpha_d(fits):
    return const(fits, "kaplan-2020-d", "alpha_D")


@value("scaling-kaplan-alpha-c", FITS, "{:.3f}")
def scaling_kaplan_alpha_c(fits):
    return const(fits, "kaplan-2020-c", "alpha_C_min")


@value("scaling-kaplan-n-max-billion", FITS, "{:.1f}", "billion non-embedding parameters")
def scaling_kaplan_n_max_billion(fits):
    return const(fits, "kaplan-2020-n", "N_max") / 1e9


@value("scaling-kaplan-drop-pct-10x", FITS, "{:.0f}", "%")
def scaling_kaplan_drop_pct_10x(fits):
    """Kaplan L(N): loss falls by 1 - 10^-alpha_N for every tenfold N, at any N."""
    return 100 * (1 - 10 ** -const(fits, "kaplan-2020-n", "alpha_N"))


@value("scaling-kaplan-ratio-2x", FITS, "{:.2f}")
def scaling_kaplan_ratio_2x(fits):
    """Loss multiplier for doubling N under Kaplan L(N): 2^-alpha_N (the paper's 0.95)."""
    return 2 ** -const(fits, "kaplan-2020-n", "alpha_N")


@value("scaling-chinchilla-alpha", FITS, "{:.2f}")
def scaling_chinchilla_alpha(fits):
    return const(fits, "hoffmann-2022", "alpha")


@value("scaling-chinchilla-beta", FITS, "{:.2f}")
def scaling_chinchilla_beta(fits):
    return const(fits, "hoffmann-2022", "beta")


@value("scaling-chinchilla-e", FITS, "{:.2f}", "nats per token")
def scaling_chinchilla_e(fits):
    return const(fits, "hoffmann-2022", "E")


@value("scaling-chinchilla-n-max-billion", FITS, "{:.0f}", "billion parameters")
def scaling_chinchilla_n_max_billion(fits):
    return const(fits, "hoffmann-2022", "N_max") / 1e9


@value("scaling-chinchilla-tokens-per-param", FITS, "{:.0f}", "tokens per parameter")
def scaling_chinchilla_tokens_per_param(fits):
    return tokens_per_param(fits)


@value("scaling-chinchilla-loss-at-chinchilla", FITS, "{:.2f}", "nats per token")
def scaling_chinchilla_loss_at_chinchilla(fits):
    """The Chinchilla fit's predicted loss for the Chinchilla model itself (70B, 1.4T tokens)."""
    return loss(fits, "hoffmann-2022", const(fits, "hoffmann-2022", "chinchilla_N"))


@value("scaling-chinchilla-drop-pct-10x", FITS, "{:.0f}", "%")
def scaling_chinchilla_drop_pct_10x(fits):
    return drop_pct_10x(fits, "hoffmann-2022")


@value("scaling-epoch-alpha", FITS, "{:.2f}")
def scaling_epoch_alpha(fits):
    return const(fits, "besiroglu-2024", "alpha")


@value("scaling-epoch-beta", FITS, "{:.2f}")
def scaling_epoch_beta(fits):
    return const(fits, "besiroglu-2024", "beta")


@value("scaling-epoch-e", FITS, "{:.2f}", "nats per token")
def scaling_epoch_e(fits):
    return const(fits, "besiroglu-2024", "E")


@value("scaling-epoch-drop-pct-10x", FITS, "{:.0f}", "%")
def scaling_epoch_drop_pct_10x(fits):
    return drop_pct_10x(fits, "besiroglu-2024")
