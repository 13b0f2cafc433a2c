// Multitasking RS equations (physics.md 5(e); docs/multitasking.md). The K amplitudes x enter one
// local field h = sum_nu u_nu(x_nu) v^nu (MT2); the site average over the diluted entries xi is an
// exact weighted sum over the 3^K configurations or a seeded Monte Carlo sample; for rho > 0 the
// Gaussian example noise lambda of one configuration is a single Gaussian of h, so its average is
// one tanh_averages call (Stein's lemma gives the lambda^mu-weighted term, MT4).
#include "analysis/multitask/multitask_rs.hpp"
#include "analysis/numerics/special_functions.hpp"

#include "engine/stream_keys.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <stdexcept>

namespace hebbmc::analysis {

namespace {

// (1/beta) ln 2 cosh(beta h) without overflow: |h| + (1/beta) ln(1 + exp(-2 beta |h|)).
double log2cosh_over_beta(double beta, double h) {
  const double a = std::abs(h);
  return a + std::log1p(std::exp(-2.0 * beta * a)) / beta;
}

// sech^2(y), 0 where cosh overflows.
double sech2(double y) {
  const double c = std::cosh(y);
  return std::isinf(c) ? 0.0 : 1.0 / (c * c);
}

// Checks the controls every evaluation needs: d in [0, 1), T > 0 (finite beta).
void check_control(const Control& c) {
  const double d = c["d"], T = c["T"];
  if (!(d >= 0.0 && d < 1.0)) throw std::invalid_argument("multitask: d must be in [0, 1), got " + std::to_string(d));
  if (!(T > 0.0 && std::isfinite(T)))
    throw std::invalid_argument("multitask: T must be > 0 (the T = 0 limit is the closed form MT5), got " +
                                std::to_string(T));
}

}  // namespace

MultitaskRS::MultitaskRS(MultitaskSettings settings, const GaussHermite& rule) : settings_(settings), rule_(rule) {
  const auto& s = settings_;
  if (s.P < 2 || s.P % 2 != 0) throw std::invalid_argument("multitask: P must be even and >= 2");
  if (s.K < 1 || s.K > 64) throw std::invalid_argument("multitask: K must be in [1, 64]");
  if (!(s.rho >= 0.0 && std::isfinite(s.rho))) throw std::invalid_argument("multitask: rho must be >= 0");
  if (s.exact_max_K < 0 || s.exact_max_K > 14) throw std::invalid_argument("multitask: exact_max_K must be in [0, 14]");
  if (exact()) {
    // Every summand is even under xi -> -xi (xi^mu tanh(beta h), ln cosh, xi xi^T sech^2; for rho > 0
    // the lambda average keeps this), so only configurations whose first nonzero entry is +1 are
    // kept, with the weight of the pair: (3^K + 1) / 2 terms instead of 3^K.
    std::int64_t n = 1;
    for (int k = 0; k < s.K; ++k) n *= 3;
    for (std::int64_t i = 0; i < n; ++i) {  // base-3 digits: 0 -> 0, 1 -> +1, 2 -> -1
      std::int64_t r = i;
      int nz = 0, first = 0;
      std::vector<std::int8_t> xi(static_cast<std::size_t>(s.K));
      for (int k = 0; k < s.K; ++k, r /= 3) {
        const int digit = static_cast<int>(r % 3);
        xi[static_cast<std::size_t>(k)] = static_cast<std::int8_t>(digit == 0 ? 0 : (digit == 1 ? 1 : -1));
        if (digit != 0 && first == 0) first = xi[static_cast<std::size_t>(k)];
        nz += digit != 0;
      }
      if (first < 0) continue;  // the partner of a kept configuration
      configs_.insert(configs_.end(), xi.begin(), xi.end());
      nonzero_.push_back(nz);
    }
    return;
  }
  if (s.mc_samples < 2) throw std::invalid_argument("multitask: mc_samples must be >= 2");
  // The Monte Carlo sample: one uniform (the entry is blank iff u < d, so one sample serves every d)
  // and one sign per entry, from the stream keyed (seed, purpose = patterns).
  engine::Stream stream(engine::streams::theory_sample(s.seed));
  const auto n = static_cast<std::size_t>(s.mc_samples * s.K);
  uniforms_.resize(n);
  signs_.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    uniforms_[i] = stream.uniform();
    signs_[i] = static_cast<std::int8_t>((stream.next_u64() >> 63) ? 1 : -1);
  }
}

std::string MultitaskRS::name() const {
  return "multitasking (P = " + std::to_string(settings_.P) + ", K = " + std::to_string(settings_.K) +
         ", rho = " + std::to_string(settings_.rho) + ", " + (exact() ? "exact 3^K sum" : "Monte Carlo site average") +
         ")";
}

std::vector<std::string> MultitaskRS::variables() const {
  std::vector<std::string> v;
  for (int k = 1; k <= settings_.K; ++k) v.push_back((settings_.rho > 0 ? "nbar_" : "m_") + std::to_string(k));
  return v;
}

// u_nu = (1+rho)^(P/2-1) x_nu^(P-1) / (P-1)! (eq. MT2).
Eigen::VectorXd MultitaskRS::field_amplitudes(const Eigen::VectorXd& x) const {
  const int P = settings_.P;
  const double scale = std::pow(1.0 + settings_.rho, 0.5 * P - 1.0) / factorial(P - 1);
  return x.unaryExpr([&](double v) { return scale * std::pow(v, P - 1); });
}

Eigen::VectorXd MultitaskRS::field_slopes(const Eigen::VectorXd& x) const {
  const int P = settings_.P;
  const double scale = std::pow(1.0 + settings_.rho, 0.5 * P - 1.0) / factorial(P - 2);
  return x.unaryExpr([&](double v) { return P == 2 ? scale : scale * std::pow(v, P - 2); });
}

MultitaskRS::SiteSums MultitaskRS::site_sums(const Eigen::VectorXd& x, const Control& c, bool want_map,
                                             bool want_free, bool want_jacobian, bool want_samples) const {
  check_control(c);
  const int K = settings_.K;
  if (x.size() != K) throw std::invalid_argument("multitask: expected " + std::to_string(K) + " variables");
  const double d = c["d"], beta = c.beta(), rho = settings_.rho;
  const Eigen::VectorXd u = field_amplitudes(x);
  SiteSums s;
  s.F = Eigen::VectorXd::Zero(K);
  s.m = Eigen::VectorXd::Zero(K);
  if (want_jacobian) s.C = Eigen::MatrixXd::Zero(K, K);
  const bool exact_sum = exact();
  if (want_samples && !exact_sum) s.samples.resize(settings_.mc_samples, K);
  std::vector<std::int8_t> xi_mc(static_cast<std::size_t>(K));
  Eigen::VectorXd summand(K);

  // One site configuration xi with weight w (eqs. MT3, MT4, MT6, MT8).
  const auto site = [&](const std::int8_t* xi, double w, std::int64_t sample) {
    double h = 0.0, u2 = 0.0;
    for (int k = 0; k < K; ++k) {
      h += u(k) * xi[k];
      u2 += xi[k] != 0 ? u(k) * u(k) : 0.0;
    }
    double t, beta_s2 = 0.0, lc;
    if (rho == 0.0) {
      t = std::tanh(beta * h);
      lc = want_free ? log2cosh_over_beta(beta, h) : 0.0;
    } else {  // lambda average: h + b z, b = sqrt(rho sum_{xi != 0} u^2)
      const TanhAverages a = tanh_averages(rule_, beta, h, std::sqrt(rho * u2));
      t = a.tanh;
      beta_s2 = a.beta_sech2;
      lc = std::log(2.0) / beta + a.log_cosh;
    }
    for (int k = 0; k < K; ++k) summand(k) = (xi[k] * t + rho * u(k) * xi[k] * xi[k] * beta_s2) / (1.0 + rho);
    if (want_map) s.F += w * summand;
    for (int k = 0; k < K; ++k) s.m(k) += w * xi[k] * t;
    s.log2cosh += w * lc;
    if (want_jacobian) {
      const double ws = w * sech2(beta * h);
      for (int a = 0; a < K; ++a)
        for (int b = 0; b < K; ++b) s.C(a, b) += ws * xi[a] * xi[b];
    }
    if (sample >= 0 && want_samples) s.samples.row(sample) = summand.transpose();
  };

  if (exact_sum) {
    std::vector<double> weight(static_cast<std::size_t>(K + 1));  // ((1-d)/2)^n d^(K-n) by nonzero count n
    for (int n = 0; n <= K; ++n)  // pairs (xi, -xi) for n > 0
      weight[static_cast<std::size_t>(n)] = (n > 0 ? 2.0 : 1.0) * std::pow(0.5 * (1.0 - d), n) * std::pow(d, K - n);
    for (std::size_t i = 0; i < nonzero_.size(); ++i) {
      const double w = weight[static_cast<std::size_t>(nonzero_[i])];
      if (w > 0.0) site(&configs_[i * static_cast<std::size_t>(K)], w, -1);
    }
  } else {
    const double w = 1.0 / static_cast<double>(settings_.mc_samples);
    for (std::int64_t i = 0; i < settings_.mc_samples; ++i) {
      for (int k = 0; k < K; ++k) {
        const auto j = static_cast<std::size_t>(i * K + k);
        xi_mc[static_cast<std::size_t>(k)] = uniforms_[j] < d ? std::int8_t{0} : signs_[j];
      }
      site(xi_mc.data(), w, i);
    }
  }
  return s;
}

Eigen::VectorXd MultitaskRS::map(const Eigen::VectorXd& x, const Control& c) const {
  return site_sums(x, c, true, false, false, false).F;
}

// rho = 0: dF_mu/dx_nu = beta E[xi^mu xi^nu sech^2(beta h)] u'_nu (eq. MT8).
std::optional<Eigen::MatrixXd> MultitaskRS::jacobian(const Eigen::VectorXd& x, const Control& c) const {
  if (settings_.rho > 0.0) return std::nullopt;
  const SiteSums s = site_sums(x, c, false, false, true, false);
  return Eigen::MatrixXd(c.beta() * s.C * field_slopes(x).asDiagonal());
}

VariableBounds MultitaskRS::bounds(const Control&) const {
  return {Eigen::VectorXd::Constant(settings_.K, -1.0), Eigen::VectorXd::Constant(settings_.K, 1.0)};
}

Eigen::VectorXd MultitaskRS::hierarchical_zero_temperature(int K, double d) {
  Eigen::VectorXd m(K);
  for (int k = 0; k < K; ++k) m(k) = (1.0 - d) * std::pow(d, k);
  return m;
}

std::vector<BranchStart> MultitaskRS::starts(const Control& c) const {
  const int K = settings_.K;
  const double d = std::clamp(c["d"], 0.0, 1.0);
  std::vector<BranchStart> out;
  out.push_back({"hierarchical", hierarchical_zero_temperature(K, d)});
  if (K >= 2) {
    // Equal amplitudes span a subspace that the map preserves, so this start finds the parallel
    // state even where it is unstable; (1-d)(1+d)/2 is its T = 0 value at K = 2.
    const double lead = 0.5 * (1.0 - d) * (1.0 + d);
    out.push_back({"parallel", Eigen::VectorXd::Constant(K, lead)});
    for (int j = 2; j < K; ++j) {  // j equal leaders, hierarchical tail below them
      Eigen::VectorXd x = hierarchical_zero_temperature(K, d);
      x.head(j).setConstant(lead);
      out.push_back({"mixed_" + std::to_string(j), x});
    }
    Eigen::VectorXd pure = Eigen::VectorXd::Zero(K);
    pure(0) = 1.0 - d;
    out.push_back({"pure", pure});
  }
  out.push_back({"paramagnetic", Eigen::VectorXd::Zero(K)});
  return out;
}

Eigen::VectorXd MultitaskRS::mattis(const Eigen::VectorXd& x, const Control& c) const {
  if (settings_.rho == 0.0) return x;
  return site_sums(x, c, false, false, false, false).m;
}

// f = (P-1)(1+rho)^(P/2)/P! sum_mu x_mu^P - E (1/beta) ln 2cosh(beta h) (eq. MT6).
double MultitaskRS::free_energy(const Eigen::VectorXd& x, const Control& c) const {
  const int P = settings_.P;
  const double a = (P - 1) * std::pow(1.0 + settings_.rho, 0.5 * P) / factorial(P);
  const double power = x.unaryExpr([&](double v) { return std::pow(v, P); }).sum();
  return a * power - site_sums(x, c, false, true, false, false).log2cosh;
}

OrderParameters MultitaskRS::evaluate(const Eigen::VectorXd& x, const Control& c) const {
  OrderParameters o;
  o.m = mattis(x, c).cwiseAbs().maxCoeff();
  o.free_energy = free_energy(x, c);
  const int P = settings_.P;
  o.energy = -std::pow(1.0 + settings_.rho, 0.5 * P) / factorial(P) *
             x.unaryExpr([&](double v) { return std::pow(v, P); }).sum();
  o.note = "low storage: no q, no replicon";
  return o;
}

std::string MultitaskRS::structure(const Eigen::VectorXd& sorted, int* retrieved) {
  constexpr double zero = 1e-6, equal = 1e-6;
  int n = 0;
  for (Eigen::Index k = 0; k < sorted.size(); ++k) n += sorted(k) > zero;
  if (retrieved) *retrieved = n;
  if (n == 0) return "paramagnetic";
  bool tie = false;
  for (int k = 0; k + 1 < n; ++k) tie |= sorted(k) - sorted(k + 1) <= equal;
  if (!tie) return "hierarchical";
  if (n == sorted.size() && sorted(0) - sorted(n - 1) <= equal) return "parallel";
  return "mixed";
}

std::string MultitaskRS::classify(const Eigen::VectorXd& x, const Control& c) const {
  Eigen::VectorXd m = mattis(x, c).cwiseAbs();
  std::sort(m.data(), m.data() + m.size(), std::greater<>());
  return structure(m);
}

double MultitaskRS::control_lower_bound(std::string_view name) const {
  return (name == "d" || name == "T") ? 0.0 : OrderParameterModel::control_lower_bound(name);
}

}  // namespace hebbmc::analysis
