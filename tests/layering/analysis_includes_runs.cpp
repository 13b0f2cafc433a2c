// Must NOT compile: analysis/ sits below runs/ (architecture.md, layers look only downward).
#include "runs/input/input_error.hpp"
