#include "models/newton_polynomial.hpp"

namespace hebbmc::models {

std::vector<double> flip_difference(const std::vector<double>& F) {
  // F(u-2) = sum_j c_j sum_l C(j,l) u^l (-2)^(j-l); subtract F(u).
  const std::size_t deg = F.size() - 1;
  std::vector<double> h(deg + 1, 0.0);
  for (std::size_t j = 0; j <= deg; ++j) {
    double binom = 1.0, pow2 = 1.0;  // C(j, j-t) and (-2)^t for t = j - l
    for (std::size_t t = 0; t <= j; ++t) {
      if (t > 0) {
        binom = binom * static_cast<double>(j - t + 1) / static_cast<double>(t);
        pow2 *= -2.0;
      }
      h[j - t] += F[j] * binom * pow2;
    }
    h[j] -= F[j];
  }
  while (h.size() > 1 && h.back() == 0.0) h.pop_back();
  return h;
}

double evaluate(const std::vector<double>& c, double x) {
  double acc = 0.0;
  for (std::size_t i = c.size(); i-- > 0;) acc = acc * x + c[i];
  return acc;
}

}  // namespace hebbmc::models
