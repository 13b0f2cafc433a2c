// Must NOT compile: models/ sits below observables/ (architecture.md, layers look only downward).
#include "observables/accumulator.hpp"
