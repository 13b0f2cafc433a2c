// Natural and pseudo-arclength continuation (docs/theory.md, "Continuation").
#include "analysis/numerics/continuation.hpp"

#include <boost/math/tools/toms748_solve.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>

namespace hebbmc::analysis {

namespace {

// Clamps x into the model's bounds (a predictor may overshoot a face).
Eigen::VectorXd clamp_to(const VariableBounds& box, Eigen::VectorXd x) {
  return x.cwiseMax(box.lower).cwiseMin(box.upper);
}

double sign(double v) { return v > 0 ? 1.0 : (v < 0 ? -1.0 : 0.0); }

}  // namespace

BranchTracker::BranchTracker(const OrderParameterModel& model, std::string axis, BranchSolution seed,
                             bool keep_det_sign, SolverOptions options)
    : model_(model),
      axis_(std::move(axis)),
      label_(seed.branch),
      keep_det_sign_(keep_det_sign),
      det_sign_(sign(seed.stability.determinant)),
      options_(options) {
  solved_.push_back(std::move(seed));
}

BranchSolution BranchTracker::at(double value) {
  const Control c = solved_.front().control.with(axis_, value);
  // The two solved points nearest to `value`.
  std::vector<const BranchSolution*> near;
  for (const auto& s : solved_) near.push_back(&s);
  std::sort(near.begin(), near.end(), [&](auto a, auto b) {
    return std::abs(a->control[axis_] - value) < std::abs(b->control[axis_] - value);
  });
  const BranchSolution& p1 = *near[0];
  std::vector<Eigen::VectorXd> guesses;
  // The model's own start of this branch first, when the seed came from one: it is exact for the
  // paramagnet, where a predictor off q = 0 is ill-conditioned next to the instability at T_g.
  // It is accepted only if it lands near the predictor (never a far solution with the same label).
  bool start_first = false;
  for (const BranchStart& start : model_.starts(c))
    if (start.name == solved_.front().start && start.name == label_) {
      guesses.push_back(start.x);
      start_first = true;
    }
  Eigen::VectorXd predictor = p1.x;
  if (near.size() > 1) {
    const BranchSolution& p2 = *near[1];
    const double v1 = p1.control[axis_], v2 = p2.control[axis_];
    if (v1 != v2) predictor = clamp_to(model_.bounds(c), p1.x + (p1.x - p2.x) * (value - v1) / (v1 - v2));
    guesses.push_back(predictor);
  }
  guesses.push_back(p1.x);
  SolverOptions newton = options_;
  newton.fixed_point.max_iterations = 0;
  std::string why = "no start converged";
  const double reach = 0.05 + 10.0 * (predictor - p1.x).cwiseAbs().maxCoeff();
  auto accept = [&](const BranchSolution& s, bool from_start) {
    if (!s.converged) {
      why = s.status;
      return false;
    }
    if (s.branch != label_) {
      why = "jumped to the " + s.branch + " branch";
      return false;
    }
    if (keep_det_sign_ && det_sign_ != 0 && sign(s.stability.determinant) != det_sign_) {
      why = "det(I - dF/dx) changed sign: passed a fold onto the partner branch";
      return false;
    }
    if (from_start && (s.x - predictor).cwiseAbs().maxCoeff() > reach) return false;
    return true;
  };
  // Newton from every guess, then the full solver from the nearest point.
  const int n_guess = static_cast<int>(guesses.size());
  for (int attempt = 0; attempt <= n_guess; ++attempt) {
    const bool full = attempt == n_guess;
    BranchSolution s = solve_branch(model_, c, full ? p1.x : guesses[attempt], "warm start", full ? options_ : newton);
    if (accept(s, start_first && attempt == 0)) {
      solved_.push_back(s);
      return s;
    }
  }
  BranchSolution lost;
  lost.control = c;
  lost.start = "warm start";
  lost.branch = "none";
  lost.x = p1.x;
  lost.status = "branch lost (" + label_ + "): " + why;
  return lost;
}

std::vector<BranchSolution> continue_branch(const OrderParameterModel& model, const Control& base,
                                            const std::string& axis, const std::vector<double>& values,
                                            const Eigen::VectorXd& start, const SolverOptions& options) {
  std::vector<BranchSolution> out;
  if (values.empty()) return out;
  BranchSolution seed = solve_branch(model, base.with(axis, values.front()), start, "start", options);
  out.push_back(seed);
  if (!seed.converged) {
    for (std::size_t i = 1; i < values.size(); ++i) {
      BranchSolution failed = seed;
      failed.control = base.with(axis, values[i]);
      failed.status = "no converged start at " + axis + " = " + std::to_string(values.front());
      out.push_back(failed);
    }
    return out;
  }
  BranchTracker tracker(model, axis, seed, true, options);
  for (std::size_t i = 1; i < values.size(); ++i) out.push_back(tracker.at(values[i]));
  return out;
}

namespace {

// The extended system of pseudo-arclength continuation: y = (x, lambda / scale), H(y) = F(x) - x.
struct ArcSystem {
  const OrderParameterModel& model;
  Control base;
  std::string axis;
  double scale;
  double fd_step;
  double residual;

  Eigen::Index n() const { return static_cast<Eigen::Index>(model.variables().size()); }
  Control control(const Eigen::VectorXd& y) const { return base.with(axis, y(n()) * scale); }
  Eigen::VectorXd H(const Eigen::VectorXd& y) const {
    const Eigen::VectorXd x = y.head(n());
    return model.map(x, control(y)) - x;
  }
  // [dF/dx - I, scale dF/dlambda]
  Eigen::MatrixXd DH(const Eigen::VectorXd& y) const {
    const Eigen::VectorXd x = y.head(n());
    const Control c = control(y);
    Eigen::MatrixXd D(n(), n() + 1);
    D.leftCols(n()) = map_jacobian(model, x, c, fd_step) - Eigen::MatrixXd::Identity(n(), n());
    D.col(n()) = scale * map_control_derivative(model, x, c, axis, fd_step);
    return D;
  }
  // det(I - dF/dx) at y.
  double det(const Eigen::VectorXd& y) const {
    return (-DH(y).leftCols(n())).determinant();
  }
  // Unit tangent of the solution curve, oriented along `previous`.
  Eigen::VectorXd tangent(const Eigen::VectorXd& y, const Eigen::VectorXd& previous) const {
    Eigen::MatrixXd A(n() + 1, n() + 1);
    A.topRows(n()) = DH(y);
    A.row(n()) = previous.transpose();
    Eigen::VectorXd rhs = Eigen::VectorXd::Zero(n() + 1);
    rhs(n()) = 1.0;
    const Eigen::VectorXd t = A.fullPivLu().solve(rhs);
    return t / t.norm();
  }
  // Corrector: the point on the curve in the hyperplane t.(y - y0) = sigma (Keller), by Newton.
  std::optional<Eigen::VectorXd> correct(const Eigen::VectorXd& y0, const Eigen::VectorXd& t, double sigma) const {
    Eigen::VectorXd y = y0 + sigma * t;
    const VariableBounds box = model.bounds(control(y));
    for (int it = 0; it < 20; ++it) {
      if (y(n()) * scale < model.control_lower_bound(axis)) return std::nullopt;
      Eigen::VectorXd r(n() + 1);
      r.head(n()) = H(y);
      r(n()) = t.dot(y - y0) - sigma;
      Eigen::MatrixXd A(n() + 1, n() + 1);
      A.topRows(n()) = DH(y);
      A.row(n()) = t.transpose();
      const Eigen::VectorXd dy = A.fullPivLu().solve(-r);
      if (!dy.allFinite()) return std::nullopt;
      y += dy;
      if (((y.head(n()) - box.lower).minCoeff() < -1e-9) || ((box.upper - y.head(n())).minCoeff() < -1e-9))
        return std::nullopt;
      if (dy.cwiseAbs().maxCoeff() < 1e-3 * residual ||
          (dy.cwiseAbs().maxCoeff() < 100 * residual && H(y).cwiseAbs().maxCoeff() < residual))
        return y;
    }
    return std::nullopt;
  }
};

}  // namespace

FoldResult locate_fold(const OrderParameterModel& model, const std::string& axis, const BranchSolution& seed,
                       double limit, const ArclengthOptions& options) {
  FoldResult out;
  if (!seed.converged) {
    out.status = "no converged seed: " + seed.status;
    return out;
  }
  const double start = seed.control[axis];
  const double direction = limit > start ? 1.0 : -1.0;
  ArcSystem sys{model, seed.control, axis, std::abs(limit - start), options.fd_step, options.residual};
  if (sys.scale == 0.0) {
    out.status = "empty range";
    return out;
  }
  const Eigen::Index n = sys.n();
  Eigen::VectorXd y(n + 1);
  y << seed.x, start / sys.scale;
  Eigen::VectorXd along = Eigen::VectorXd::Zero(n + 1);
  along(n) = direction;
  Eigen::VectorXd t = sys.tangent(y, along);
  double det = sys.det(y), ds = options.initial_step;
  for (out.steps = 0; out.steps < options.max_steps; ++out.steps) {
    const auto y1 = sys.correct(y, t, ds);
    if (!y1) {
      ds *= 0.5;
      if (ds < options.min_step) {
        out.status = "arclength step underflow at " + axis + " = " + std::to_string(y(n) * sys.scale);
        return out;
      }
      continue;
    }
    const double lambda1 = (*y1)(n) * sys.scale;
    if (direction * (lambda1 - limit) > 0) {
      out.status = "no fold before " + axis + " = " + std::to_string(limit);
      return out;
    }
    const double det1 = sys.det(*y1);
    const Eigen::VectorXd t1 = sys.tangent(*y1, t);
    if (sign(det1) != sign(det)) {
      // Refine sigma in [0, ds] where det(I - dF/dx) of the corrected point vanishes.
      const auto phi = [&](double sigma) {
        const auto ys = sys.correct(y, t, sigma);
        return ys ? sys.det(*ys) : std::numeric_limits<double>::quiet_NaN();
      };
      std::uintmax_t iterations = 200;
      try {
        const auto [a, b] = boost::math::tools::toms748_solve(
            phi, 0.0, ds, det, det1, [&](double lo, double hi) { return hi - lo <= options.tolerance; }, iterations);
        const auto ya = sys.correct(y, t, a), yb = sys.correct(y, t, b), ym = sys.correct(y, t, 0.5 * (a + b));
        if (!ya || !yb || !ym) throw std::runtime_error("corrector failed inside the bracket");
        out.value = (*ym)(n) * sys.scale;
        out.bracket = std::abs((*ya)(n) - (*yb)(n)) * sys.scale;
        out.x = ym->head(n);
        out.values = model.evaluate(out.x, sys.control(*ym));
      } catch (const std::exception& e) {
        out.status = std::string("fold bracketed but not refined: ") + e.what();
        return out;
      }
      out.found = true;
      out.kind = sign(t1(n)) != sign(t(n)) ? "fold" : "bifurcation";
      out.status = out.kind == "fold" ? "fold" : "det(I - dF/dx) changed sign without a turn: bifurcation point";
      return out;
    }
    const Eigen::VectorXd x1 = y1->head(n);
    if (model.classify(x1, sys.control(*y1)) != seed.branch) {
      out.status = "branch turned into " + model.classify(x1, sys.control(*y1)) + " at " + axis + " = " +
                   std::to_string(lambda1) + " without a fold";
      return out;
    }
    y = *y1;
    t = t1;
    det = det1;
    ds = std::min(options.max_step, 1.5 * ds);
  }
  out.status = "no fold within max_steps";
  return out;
}

}  // namespace hebbmc::analysis
