// Must NOT compile: models/ sits below runs/ (docs/architecture.md, "Layers").
#include "runs/input/input_error.hpp"
