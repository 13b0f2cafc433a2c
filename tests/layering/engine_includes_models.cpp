// Must NOT compile: engine/ sits below models/ (architecture.md, layers look only downward).
#include "models/patterns.hpp"
