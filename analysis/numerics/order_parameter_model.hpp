// One interface for the order-parameter equations of every model (physics.md section 5): a model
// is a fixed-point map x = F(x; control) plus what a point x means physically (free energy,
// observables, branch label). The solver (branches.hpp), the stability check (stability.hpp),
// continuation (continuation.hpp) and the transition lines (transition_lines.hpp) only see this
// interface, so supervised / unsupervised / multitasking equations plug in by implementing it.
#pragma once

#include <Eigen/Dense>

#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hebbmc::analysis {

/// Named control parameters of a model: "alpha" and "T" for storage; a later model adds its own
/// ("r", "M", "d", "theta"). Any of them can be a continuation or phase-diagram axis.
class Control {
 public:
  Control() = default;
  /// Builds from name/value pairs, e.g. {{"alpha", 0.05}, {"T", 0.5}}.
  Control(std::initializer_list<std::pair<std::string, double>> values);
  /// Value of a parameter; throws std::out_of_range naming it if absent.
  double operator[](std::string_view name) const;
  /// True if the parameter is set.
  bool has(std::string_view name) const;
  /// Copy with one parameter set (added if absent).
  Control with(std::string_view name, double value) const;
  /// Inverse temperature 1/T (+inf at T = 0); requires "T".
  double beta() const;
  /// "alpha=0.05, T=0.5", for status strings.
  std::string describe() const;

 private:
  std::vector<std::pair<std::string, double>> values_;
};

/// Box the variables live in; finite differences stay inside it (one-sided at a face).
struct VariableBounds {
  Eigen::VectorXd lower;  ///< componentwise lower bound
  Eigen::VectorXd upper;  ///< componentwise upper bound
};

/// A named starting point that selects one branch ("retrieval", "spin glass", "paramagnetic").
struct BranchStart {
  std::string name;   ///< branch the start is meant to select
  Eigen::VectorXd x;  ///< starting variables
};

/// Physical content of a point x (NaN where undefined).
struct OrderParameters {
  static constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  double m = nan;            ///< Mattis magnetization of the condensed pattern
  double q = nan;            ///< (largest) replica overlap
  double energy = nan;       ///< internal energy per neuron u = d(beta f)/d(beta)
  double free_energy = nan;  ///< free energy per neuron f at this point (docs/theory.md)
  /// Replicon (de Almeida-Thouless) eigenvalue: > 0 means the replica-symmetric point is stable
  /// against replica symmetry breaking; NaN if the model does not provide it.
  double replicon = nan;
  std::string note;  ///< why a value is NaN (empty if none is)
};

/// The equations of one model. Implementations must be stateless between calls (thread safe).
class OrderParameterModel {
 public:
  virtual ~OrderParameterModel() = default;
  /// Short name, e.g. "AGS (P = 2, RS)".
  virtual std::string name() const = 0;
  /// Where the equations are written, e.g. "physics.md 5(a); docs/theory.md".
  virtual std::string equation() const = 0;
  /// Names of the components of x, e.g. {"m", "C"}.
  virtual std::vector<std::string> variables() const = 0;
  /// The fixed-point map F(x; control).
  virtual Eigen::VectorXd map(const Eigen::VectorXd& x, const Control& c) const = 0;
  /// Analytic Jacobian dF/dx if the model has one; nullopt means finite differences.
  virtual std::optional<Eigen::MatrixXd> jacobian(const Eigen::VectorXd& x, const Control& c) const;
  /// Domain of x at this control.
  virtual VariableBounds bounds(const Control& c) const = 0;
  /// Starts of the branches to look for at this control.
  virtual std::vector<BranchStart> starts(const Control& c) const = 0;
  /// m, q, energy, free energy, replicon at a (converged) point.
  virtual OrderParameters evaluate(const Eigen::VectorXd& x, const Control& c) const = 0;
  /// Branch label of a point; default: "retrieval" if |m| > 1e-6, else "spin glass" if q > 1e-6,
  /// else "paramagnetic".
  virtual std::string classify(const Eigen::VectorXd& x, const Control& c) const;
  /// Lower bound of a control parameter (alpha >= 0, T >= 0): finite differences stay above it.
  virtual double control_lower_bound(std::string_view name) const;
};

}  // namespace hebbmc::analysis
