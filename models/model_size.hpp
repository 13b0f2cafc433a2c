#pragma once
// What a model is told before any data exist: the sizes of a point (runs/input checks these before
// any work) and the interaction orders a model supports. Each model states its own limits as
// static members over these, and its constructor refuses through the same members, so a point the
// validator accepts is one the model accepts.
#include <climits>
#include <cstdint>
#include <string>

#include "models/interaction.hpp"

namespace hebbmc::models {

/// Sizes of one point, as far as a model's limits and memory depend on them.
struct ModelSize {
  std::int64_t N = 0;  ///< number of neurons
  std::int64_t K = 0;  ///< number of patterns (archetypes for the learning models)
  std::int64_t M = 0;  ///< examples per archetype (learning models; 0 for storage)
  int P = 2;           ///< interaction order
  Interaction interaction = Interaction::distinct_indices;  ///< energy form
};

/// The interaction orders a model supports: every even P in [min, max].
struct OrderRange {
  int min = 2;        ///< smallest supported P
  int max = INT_MAX;  ///< largest supported P (INT_MAX: no upper limit)
  /// True when P is even and in [min, max].
  constexpr bool contains(int P) const { return P % 2 == 0 && P >= min && P <= max; }
  /// "[2, 12]" or ">= 2", for messages.
  std::string text() const {  // appended piecewise: GCC 12 warns (-Wrestrict) on "literal" + string&&
    std::string out(max == INT_MAX ? ">= " : "[");
    out += std::to_string(min);
    if (max != INT_MAX) out.append(", ").append(std::to_string(max)).append("]");
    return out;
  }
};

}  // namespace hebbmc::models
