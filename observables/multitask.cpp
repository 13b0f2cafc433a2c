#include "observables/multitask.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <stdexcept>

namespace hebbmc::observables {

std::vector<double> sorted_amplitudes(std::span<const double> m) {
  std::vector<double> a(m.size());
  std::transform(m.begin(), m.end(), a.begin(), [](double x) { return std::abs(x); });
  std::sort(a.begin(), a.end(), std::greater<>());
  return a;
}

int retrieved_count(std::span<const double> m, double threshold) {
  return static_cast<int>(std::count_if(m.begin(), m.end(), [&](double x) { return std::abs(x) > threshold; }));
}

double support_loss(double m, std::int64_t N, std::int64_t n_mu) {
  if (n_mu <= 0) throw std::invalid_argument("support_loss: pattern has an empty support");
  return 1.0 - static_cast<double>(N) * std::abs(m) / static_cast<double>(n_mu);
}

std::vector<double> hierarchical_amplitudes(int K, double d) {
  std::vector<double> a(static_cast<std::size_t>(std::max(K, 0)));
  double w = 1.0 - d;
  for (auto& x : a) {
    x = w;
    w *= d;
  }
  return a;
}

}  // namespace hebbmc::observables
