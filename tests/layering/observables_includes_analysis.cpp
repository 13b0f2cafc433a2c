// Must NOT compile: observables/ sits below analysis/ (architecture.md, layers look only downward).
#include "analysis/numerics/gauss_hermite.hpp"
