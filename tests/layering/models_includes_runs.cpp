// Must NOT compile: models/ sits below runs/ (architecture.md, layers look only downward).
#include "runs/input/input_error.hpp"
