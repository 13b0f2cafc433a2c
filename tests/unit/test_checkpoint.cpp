// Checkpoints (docs/checkpoints.md): a chain continued from its state after any sweep gives
// exactly the result of the uninterrupted chain, and damaged checkpoint bytes are rejected.
#include <doctest/doctest.h>

#include <cstring>
#include <filesystem>
#include <vector>

#include "engine/rng.hpp"
#include "engine/sweep.hpp"
#include "runs/io/checkpoint.hpp"
#include "runs/driver/simulation.hpp"

using namespace hebbmc;

namespace {

// Bitwise equality of two sample results: every statistic and trajectory entry.
bool same(const runs::SampleResult& a, const runs::SampleResult& b) {
  auto eq = [](const observables::BinningAnalysis& x, const observables::BinningAnalysis& y) {
    return x.mean == y.mean && x.error == y.error && x.tau_int == y.tau_int && x.plateau_level == y.plateau_level &&
           x.error_per_level == y.error_per_level;
  };
  if (a.acceptance != b.acceptance || a.record.records != b.record.records || !eq(a.record.energy, b.record.energy) ||
      !eq(a.record.q, b.record.q) || a.record.m.size() != b.record.m.size())
    return false;
  for (std::size_t i = 0; i < a.record.m.size(); ++i)
    if (!eq(a.record.m[i], b.record.m[i])) return false;
  return a.record.traj_m == b.record.traj_m && a.record.traj_energy == b.record.traj_energy && a.record.traj_q == b.record.traj_q;
}

}  // namespace

TEST_CASE("Stream::seek restores any position exactly") {
  engine::Stream a({.seed = 3, .point = 1, .sample = 2, .replica = 1, .purpose = engine::Purpose::dynamics});
  std::vector<std::uint64_t> words;
  for (int i = 0; i < 40; ++i) words.push_back(a.next_u64());
  for (std::uint64_t p = 0; p < 30; ++p) {
    engine::Stream b({.seed = 3, .point = 1, .sample = 2, .replica = 1, .purpose = engine::Purpose::dynamics});
    b.seek(p);
    CHECK(b.position() == p);
    CHECK(b.next_u64() == words[p]);
    CHECK(b.position() == p + 1);
  }
}

TEST_CASE("a chain continued from any of its checkpoints equals the uninterrupted chain") {
  // Glauber with annealing, 2 replicas, trajectories, thermalization 6 + 12 measurement sweeps
  // (records every 2): checkpoints fall between blocks of 2 sweeps (8 of them, plus the final
  // state); each is continued to the end. Equality is exact: a checkpoint must not change a bit.
  const auto spec = runs::parse_run_spec(R"(
[model]
N = 30
P = 4
K = 40
[dynamics]
sweeps = 12
thermalization = 6
measure_every = 2
anneal_from_T = 1.0
T = 0.3
[run]
seed = 5
samples = 2
replicas = 2
record_patterns = 2
trajectories = true
output = "x.h5"
)", "test.toml");
  const auto& p = spec.points.front();
  for (int sample : {0, 1}) {
    std::vector<runs::ChainState> states;
    runs::CheckpointHooks hooks;
    hooks.due = [] { return true; };
    hooks.save = [&](const runs::ChainState& s) { states.push_back(s); };
    const auto reference = runs::simulate_sample(p, sample, [](double) {}, hooks);
    REQUIRE(states.size() == 9);  // 8 intermediate + the final state
    int mismatches = 0;
    for (const auto& st : states) {
      const runs::ChainState copy = runs::deserialize(runs::serialize(st));  // through the file format
      runs::CheckpointHooks resume;
      resume.start = &copy;
      mismatches += !same(reference, runs::simulate_sample(p, sample, [](double) {}, resume));
    }
    CHECK(mismatches == 0);
  }
}

TEST_CASE("damaged checkpoint bytes are rejected, never half-read") {
  runs::ChainState s;
  s.point = 3;
  s.sample = 1;
  s.sweeps_done = 10;
  s.replicas.push_back({{1, -1, 1}, 17, {2, 0, 1}});
  s.recorder = {1.0, 2.0, 3.0};
  const auto bytes = runs::serialize(s);
  const auto back = runs::deserialize(bytes);
  CHECK(back.sweeps_done == 10);
  CHECK(back.replicas.at(0).sites == std::vector<std::int32_t>{2, 0, 1});
  CHECK(back.recorder == s.recorder);
  // Every single-byte change and every truncation must throw (the FNV-1a checksum covers all bytes).
  int accepted = 0;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    auto bad = bytes;
    bad[i] ^= 0x5a;
    try { runs::deserialize(bad); ++accepted; } catch (const std::runtime_error&) {}
    auto cut = bytes;
    cut.resize(i);
    try { runs::deserialize(cut); ++accepted; } catch (const std::runtime_error&) {}
  }
  CHECK(accepted == 0);
}
