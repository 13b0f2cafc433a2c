#pragma once
// Counter-based random streams (Random123 Philox4x64-10).
//
// Every random number of a run is a pure function of its key, so results do not depend on
// thread or rank scheduling and a stream is checkpointed by two integers (block, position).
// Key layout (recorded in every output file, see docs/rng.md):
//   Philox key     = (seed, purpose)
//   Philox counter = (point, sample << 32 | replica, block, 0)
#include <Random123/philox.h>

#include <cstdint>
#include <string>

namespace hebbmc::engine {

__extension__ typedef unsigned __int128 uint128;  ///< 128-bit product for unbiased-enough range reduction

/// What a stream is used for; part of the key so that purposes never share numbers.
enum class Purpose : std::uint64_t {
  patterns = 1,       ///< archetypes (quenched disorder)
  initial_state = 2,  ///< random initial spins
  dynamics = 3,       ///< site order and acceptance draws of the Markov chain
  examples = 4,       ///< noisy examples of archetypes (learning models)
  initial_noise = 5,  ///< site flips of a noisy-pattern start
};

/// Identifies one independent stream: (seed, point, disorder sample, replica, purpose).
struct StreamKey {
  std::uint64_t seed = 0;   ///< user seed
  std::uint64_t point = 0;  ///< sweep point index (0 for disorder, shared by all points)
  std::uint32_t sample = 0; ///< disorder sample
  std::uint32_t replica = 0;///< replica on the same disorder
  Purpose purpose = Purpose::dynamics; ///< what the numbers are for
};

/// Human-readable description of a key, for HDF5 attributes.
std::string describe(const StreamKey& key);

/// A reproducible stream of 64-bit random numbers and the draws built on them.
class Stream {
 public:
  using Generator = r123::Philox4x64;

  /// Stream positioned at its first number.
  explicit Stream(const StreamKey& key) : key_{{key.seed, static_cast<std::uint64_t>(key.purpose)}} {
    ctr_ = {{key.point, (std::uint64_t{key.sample} << 32) | key.replica, 0, 0}};
  }

  /// Next uniformly distributed 64-bit word.
  std::uint64_t next_u64() {
    if (pos_ == 4) refill();
    return block_[pos_++];
  }

  /// Uniform double in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

  /// Integer uniform in [0, n) by multiply-shift (bias < n / 2^64, negligible for n < 2^40).
  std::uint64_t below(std::uint64_t n) {
    return static_cast<std::uint64_t>((static_cast<uint128>(next_u64()) * n) >> 64);
  }

  /// Number of 64-bit words consumed so far (the stream's whole state, for checkpoints).
  std::uint64_t position() const { return ctr_.v[2] * 4 - (4 - pos_) * (ctr_.v[2] > 0); }

  /// Repositions the stream so that position() == p: restores a checkpointed stream exactly.
  void seek(std::uint64_t p) {
    ctr_.v[2] = p / 4;
    pos_ = 4;
    if (p % 4 != 0) {
      refill();
      pos_ = static_cast<int>(p % 4);
    }
  }

 private:
  void refill() {
    block_ = Generator{}(ctr_, key_);
    ctr_.v[2] += 1;
    pos_ = 0;
  }

  Generator::key_type key_;
  Generator::ctr_type ctr_;
  Generator::ctr_type block_{};
  int pos_ = 4;
};

}  // namespace hebbmc::engine
