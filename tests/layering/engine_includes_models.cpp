// Must NOT compile: engine/ sits below models/ (docs/architecture.md, "Layers").
#include "models/patterns.hpp"
