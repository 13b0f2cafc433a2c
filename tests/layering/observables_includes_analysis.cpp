// Must NOT compile: observables/ sits below analysis/ (docs/architecture.md, "Layers").
#include "analysis/numerics/gauss_hermite.hpp"
