#include "models/newton_polynomial.hpp"

#include <stdexcept>

namespace hebbmc::models {

namespace {
using Poly = std::vector<double>;

Poly scaled(const Poly& p, double s) {
  Poly out(p);
  for (auto& c : out) c *= s;
  return out;
}
void add_into(Poly& acc, const Poly& p) {
  if (acc.size() < p.size()) acc.resize(p.size(), 0.0);
  for (std::size_t i = 0; i < p.size(); ++i) acc[i] += p[i];
}
Poly times_M(const Poly& p) {  // multiply by the variable M
  Poly out(p.size() + 1, 0.0);
  for (std::size_t i = 0; i < p.size(); ++i) out[i + 1] = p[i];
  return out;
}
}  // namespace

std::vector<double> distinct_index_polynomial(int P, double n) {
  if (P < 1) throw std::invalid_argument("distinct_index_polynomial: P must be >= 1");
  std::vector<Poly> F(static_cast<std::size_t>(P) + 1);
  F[0] = {1.0};
  for (int m = 1; m <= P; ++m) {
    Poly acc;
    double falling = 1.0;  // (m-1)!/(m-j)!
    for (int j = 1; j <= m; ++j) {
      if (j > 1) falling *= (m - j + 1);
      const double sign = (j % 2 == 1) ? 1.0 : -1.0;
      const Poly term = (j % 2 == 1) ? times_M(F[m - j]) : scaled(F[m - j], n);  // a_j = M or n
      add_into(acc, scaled(term, sign * falling));
    }
    F[m] = acc;
  }
  return F[P];
}

std::vector<double> full_power_polynomial(int P) {
  Poly c(static_cast<std::size_t>(P) + 1, 0.0);
  c[P] = 1.0;
  return c;
}

std::vector<double> flip_difference(const std::vector<double>& F) {
  // F(u-2) = sum_j c_j sum_l C(j,l) u^l (-2)^(j-l); subtract F(u).
  const std::size_t deg = F.size() - 1;
  Poly h(deg + 1, 0.0);
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
