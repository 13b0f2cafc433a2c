// Must compile: analysis/ may include every layer below it (the control for the refusals).
#include "engine/rng.hpp"
#include "models/patterns.hpp"
#include "observables/accumulator.hpp"
#include "analysis/numerics/gauss_hermite.hpp"
