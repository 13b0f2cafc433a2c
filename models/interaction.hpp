#pragma once
// The two forms of the P-body energy (physics.md section 3), shared by every model.

namespace hebbmc::models {

/// How the P-body energy treats repeated indices (physics.md section 3).
enum class Interaction {
  distinct_indices,  ///< default: sum over distinct P-tuples, what the replica theory describes
  self_interaction,  ///< full power -(N/P!) m^P, an explicit alternative
};

}  // namespace hebbmc::models
