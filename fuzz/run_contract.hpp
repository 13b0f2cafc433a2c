#pragma once
// The contract of `hebbmc check` with `hebbmc run` (docs/fuzzing.md, issue 11 item 5): a file that
// check accepts satisfies every documented constraint of docs/parameters.md, and its first point,
// shrunk to a tiny size, runs through the models and the chains without any error. Shared by the
// libFuzzer target (fuzz_parameters.cpp, clang) and the corpus replay of the default test suite
// (replay_contract.cpp, any compiler), which also writes the tiny point's output file.
#include <string>
#include <string_view>

#include "runs/input/parameters.hpp"

namespace hebbmc::runs::contract {

/// Prints "contract violated: WHAT" and aborts (libFuzzer saves the input as crash-*).
[[noreturn]] void violated(const std::string& what);

/// Aborts unless every point of an accepted spec satisfies the documented constraints.
void check_accepted(const RunSpec& spec);

/// Point p made cheap without leaving what check accepts: one sample, at most 2 replicas, 2
/// thermalization and 3 measurement sweeps; N, K and M are lowered only when the point is larger
/// than tiny_work, keeping P <= N, record_patterns <= K, init_mixture <= K and init_example <= M.
PointParameters tiny_point(const PointParameters& p);

/// Largest N K max(M, 1) run at its own size (a few ms per sweep); larger points are shrunk.
inline constexpr double tiny_work = 1 << 16;

/// Runs sample 0 of p through the model and the chains; aborts on any exception.
void run_point(const PointParameters& p);

/// One line naming the sizes of p (for the replay's report).
std::string describe_sizes(const PointParameters& p);

/// What the contract did with one input.
struct Outcome {
  bool accepted = false;  ///< parse_run_spec accepted it (then its first point ran)
  std::string message;    ///< check's refusal, or the sizes of the point that ran
  RunSpec spec;           ///< the accepted spec (empty when refused)
  PointParameters ran;    ///< the tiny point that ran (when accepted)
};

/// The contract for a spec that check accepted: its constraints, the first axis refined as
/// `theory` does, the first point run tiny.
Outcome apply_accepted(RunSpec spec);

/// The whole contract on one input: parse as `hebbmc check` does (no file system), check the
/// constraints of every point, refine the first axis as `theory` does, run the first point tiny.
Outcome apply(std::string_view text, const std::string& label);

}  // namespace hebbmc::runs::contract
