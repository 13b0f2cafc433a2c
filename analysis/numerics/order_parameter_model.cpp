// Control parameters and the defaults of the order-parameter model interface.
#include "analysis/numerics/order_parameter_model.hpp"

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace hebbmc::analysis {

Control::Control(std::initializer_list<std::pair<std::string, double>> values) : values_(values) {}

double Control::operator[](std::string_view name) const {
  for (const auto& [key, value] : values_)
    if (key == name) return value;
  throw std::out_of_range("control parameter '" + std::string(name) + "' is not set (" + describe() + ")");
}

bool Control::has(std::string_view name) const {
  for (const auto& kv : values_)
    if (kv.first == name) return true;
  return false;
}

Control Control::with(std::string_view name, double value) const {
  Control c = *this;
  for (auto& [key, v] : c.values_)
    if (key == name) {
      v = value;
      return c;
    }
  c.values_.emplace_back(std::string(name), value);
  return c;
}

double Control::beta() const {
  const double T = (*this)["T"];
  return T == 0.0 ? std::numeric_limits<double>::infinity() : 1.0 / T;
}

std::string Control::describe() const {
  std::ostringstream out;
  out.precision(10);
  for (std::size_t i = 0; i < values_.size(); ++i) out << (i ? ", " : "") << values_[i].first << "=" << values_[i].second;
  return out.str();
}

std::optional<Eigen::MatrixXd> OrderParameterModel::jacobian(const Eigen::VectorXd&, const Control&) const {
  return std::nullopt;
}

std::string OrderParameterModel::classify(const Eigen::VectorXd& x, const Control& c) const {
  const OrderParameters p = evaluate(x, c);
  if (std::abs(p.m) > 1e-6) return "retrieval";
  if (p.q > 1e-6) return "spin glass";
  return "paramagnetic";
}

double OrderParameterModel::control_lower_bound(std::string_view name) const {
  return (name == "alpha" || name == "T" || name == "theta") ? 0.0 : -std::numeric_limits<double>::infinity();
}

}  // namespace hebbmc::analysis
