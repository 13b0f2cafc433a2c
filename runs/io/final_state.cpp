// Final chain states in the output file (runs/io/final_state.hpp).
#include "runs/io/final_state.hpp"

#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace hebbmc::runs {

void write_final_states(h5::Group& point, const std::vector<std::vector<char>>& states) {
  if (states.empty()) return;
  const std::size_t bytes = states.front().size();
  std::vector<std::int8_t> flat;
  flat.reserve(states.size() * bytes);
  for (const auto& s : states) {
    // Every sample of a point has the same record count, hence accumulators of the same depth.
    if (s.size() != bytes) throw std::logic_error("final chain states of one point differ in length");
    const auto* b = reinterpret_cast<const std::int8_t*>(s.data());
    flat.insert(flat.end(), b, b + s.size());
  }
  point.write(final_state_dataset, flat, {static_cast<hsize_t>(states.size()), static_cast<hsize_t>(bytes)},
              {.compress = true})
      .describe("final chain state of each sample (runs/io/checkpoint.hpp serialize(): spins, RNG positions, "
                "site orders, accumulators, trajectories), read by `hebbmc run --resume` to grow the run to "
                "more samples or sweeps (docs/checkpoints.md)",
                "bytes");
}

std::optional<std::vector<std::vector<char>>> read_final_states(const h5::Group& point) {
  const h5::DatasetInfo info = point.inspect(final_state_dataset);
  if (!info.is_dataset || !info.integer || info.element_bytes != 1 || info.dims.size() != 2) return std::nullopt;
  const std::vector<std::int8_t> flat = point.read_int8(final_state_dataset);
  const std::size_t samples = info.dims[0], bytes = info.dims[1];
  if (flat.size() != samples * bytes) return std::nullopt;
  std::vector<std::vector<char>> out(samples, std::vector<char>(bytes));
  for (std::size_t s = 0; s < samples; ++s) std::memcpy(out[s].data(), flat.data() + s * bytes, bytes);
  return out;
}

}  // namespace hebbmc::runs
