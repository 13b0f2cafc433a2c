#include "engine/rng.hpp"

#include <sstream>

namespace hebbmc::engine {

std::string describe(const StreamKey& key) {
  std::ostringstream out;
  out << "Philox4x64-10 key=(seed=" << key.seed << ", purpose=" << static_cast<std::uint64_t>(key.purpose)
      << ") counter=(point=" << key.point << ", sample<<32|replica=" << key.sample << "<<32|" << key.replica
      << ", block, 0)";
  return out.str();
}

}  // namespace hebbmc::engine
