// Must NOT compile: models/ sits below observables/ (docs/architecture.md, "Layers").
#include "observables/accumulator.hpp"
