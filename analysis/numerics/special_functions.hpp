// Elementary special functions shared by the replica equations (physics.md section 5).
#pragma once

namespace hebbmc::analysis {

/// n! as std::tgamma(n + 1), exact in double for n <= 20 (the interaction orders P, P - 1, P - 2
/// of the dense couplings, physics.md 5(b), 5(f)).
double factorial(int n);

/// ln cosh u, written |u| - ln 2 + ln(1 + e^(-2|u|)) so that it does not overflow at large |u|.
double log_cosh(double u);

}  // namespace hebbmc::analysis
