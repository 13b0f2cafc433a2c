#pragma once
// Parameter files: the resolved parameters of one sweep point, and the parsed, validated run.
//
// A file is TOML with tables [model], [dynamics], [run], [theory] and [sweep]; the reference for
// every key is docs/parameters.md, the physics names are those of physics.md section 1. Every
// problem is an InputError naming file, line and key, raised before any work starts.
#include <cstdint>
#include <limits>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "runs/input/input_error.hpp"
#include "runs/input/input_text.hpp"

namespace hebbmc::runs {

/// Which Hamiltonian: Hebbian storage of archetypes, or learning from examples (physics.md section 1).
enum class ModelType { storage, supervised, unsupervised };
/// How the unsupervised Hamiltonian is evaluated: exactly over the K M examples (O(K M) per flip,
/// models/unsupervised.hpp) or in Plefka mode (O(K), models/plefka.hpp; docs/learning.md L7-L11).
enum class Evaluation { exact, plefka };
/// Markov chain rule: single-spin-flip (glauber, metropolis, zero_temperature) or the synchronous
/// heat bath of every spin at once (parallel, Little dynamics; docs/dynamics.md).
enum class Rule { glauber, metropolis, zero_temperature, parallel };
/// Order in which a sweep visits the N sites.
enum class Order { random, sequential };
/// Initial spin configuration: archetype 1, uniformly random, a mixture, an example, or archetype 1
/// with each site flipped with probability (1 - init_overlap) / 2.
enum class Init { pattern, random, mixture, example, noisy_pattern };

/// Every resolved parameter of one sweep point.
struct PointParameters {
  int index = 0;  ///< position of the point in the expanded sweep (0-based)
  ModelType type = ModelType::storage;
  std::int64_t N = 0;             ///< neurons
  int P = 2;                      ///< interaction order (even, >= 2)
  std::int64_t K = 0;             ///< archetypes (resolved from alpha when K_from_alpha)
  double alpha = 0;               ///< load K / N^(P-1) as given; NaN if K was given
  bool K_from_alpha = false;      ///< true when K = round(alpha N^(P-1))
  double K_log_coefficient = std::numeric_limits<double>::quiet_NaN();  ///< c of K = floor(c ln N); NaN if not used
  double d = 0;                   ///< dilution, P(xi = 0)
  bool self_interaction = false;  ///< full-power energy with self-interaction terms (physics.md section 3)
  std::int64_t M = 0;             ///< examples per archetype (0 for storage)
  double r = 0;                   ///< example quality (NaN for storage)
  Evaluation evaluation = Evaluation::exact;  ///< unsupervised only: exact or Plefka mode
  Rule rule = Rule::glauber;
  Order order = Order::random;
  double T = 0;     ///< temperature (0 means beta = +inf)
  double beta = 0;  ///< inverse temperature, +inf at T = 0
  Init init = Init::pattern;
  int init_mixture = 0;             ///< init = mixture: start from sign(xi^1 + ... + xi^n), n = this
  int init_example = 0;             ///< init = example: start from example a = this (1-based) of archetype 1
  double init_overlap = std::numeric_limits<double>::quiet_NaN();  ///< init = noisy_pattern: target overlap m0 with archetype 1; NaN otherwise
  std::int64_t sweeps = 0;          ///< measurement sweeps
  std::int64_t thermalization = 0;  ///< sweeps discarded before measuring
  std::int64_t measure_every = 1;   ///< sweeps between measurements
  double anneal_from_T = 0;         ///< start of the linear temperature ramp over thermalization; NaN if none
  std::uint64_t seed = 1;           ///< user seed of every random stream
  int samples = 1;                  ///< disorder samples (independent patterns)
  int replicas = 2;                 ///< replicas per sample on the same disorder
  int record_patterns = 1;          ///< Mattis magnetisations m_1..m_L recorded (<= K)
  bool trajectories = false;        ///< write per-measurement trajectories
  double retrieval_threshold = 0.1; ///< |m| above which a pattern counts as retrieved (d > 0 points)
};

/// A parsed, validated parameter file and its expanded sweep.
struct RunSpec {
  std::string file;                      ///< file label used in messages
  std::string text;                      ///< the file's text, verbatim, with any --set written in (stored in the output)
  std::string output;                    ///< HDF5 output path
  int output_line = 0;                   ///< line of the `output` key (0: the default name)
  std::string output_source;             ///< what set `output`, for messages: the file, or its --set argument
  int curve_points = 101;                ///< resolution of RS curves along the first swept axis
  std::vector<std::string> swept_keys;   ///< swept keys, first (slowest) axis first
  std::vector<std::string> zipped_keys;  ///< swept keys that advance together (empty if no zip)
  std::vector<PointParameters> points;   ///< the Cartesian product, first key slowest
  bool has_phase_table = false;          ///< a [phase] table is present (read by `hebbmc phase`, runs/phase_spec)
  bool has_data_table = false;           ///< a [data] table is present (read by `hebbmc data`)
  std::string part_points;               ///< `--points` (canonical) when `points` are a part of the sweep; empty: all
};

/// Largest parameter file read (a parameter file is a few hundred bytes; this refuses /dev/zero).
inline constexpr std::size_t max_parameter_file_bytes = 16u << 20;
/// Largest memory estimate of one point (point_memory_bytes) that is accepted.
inline constexpr double max_point_memory_bytes = 16.0 * (1ull << 30);
/// Largest number of disorder samples summed over all points of a run (run bookkeeping).
inline constexpr std::int64_t max_run_samples = 10'000'000;
/// Largest sweeps and thermalization: 10^15, so sums and work estimates never overflow.
inline constexpr std::int64_t max_sweeps = 1'000'000'000'000'000;

/// Reads and parses a parameter file with the command line's `--set KEY=VALUE` overrides
/// (runs/input/overrides.hpp); throws InputError (also for an unreadable file, a directory, or a
/// file larger than max_parameter_file_bytes).
RunSpec load_run_spec(const std::filesystem::path& file, const std::vector<std::string>& overrides = {});
/// Parses parameter-file text and applies the overrides; RunSpec::text is then the text with them
/// written in. file_label names it in messages and gives the default output stem. Any byte sequence
/// gives a RunSpec or an InputError (tests/hostile, fuzz/fuzz_parameters.cpp).
RunSpec parse_run_spec(std::string_view toml_text, const std::string& file_label,
                       const std::vector<std::string>& overrides = {});

/// Rough peak memory of one point in bytes (docs/parameters.md, "Memory"): patterns, examples and
/// teacher integers (learning models), replicas, per-sample statistics and trajectories; a point
/// above max_point_memory_bytes is refused.
double point_memory_bytes(const PointParameters& p);

/// Same run with the first swept key (a float key, not zipped) replaced by n evenly spaced
/// values between its min and max (geometric if it was a log range): smooth RS curves.
RunSpec refine_first_axis(const RunSpec& spec, int n);

/// Name/value pairs of every parameter of a point, for HDF5 attributes and tables (enums as strings; NaN
/// fields omitted).
std::vector<std::pair<std::string, ParamValue>> describe(const PointParameters&);
/// Value of a numeric parameter (int or float key) of a point, e.g. the x of a theory curve.
std::optional<double> numeric_value(const PointParameters& point, std::string_view key);
/// Distinct values of a numeric key over the points, in order of first appearance.
std::vector<double> swept_axis_values(const RunSpec& spec, std::string_view key);

std::string to_string(ModelType);  ///< "storage", "supervised", "unsupervised"
std::string to_string(Rule);       ///< "glauber", "metropolis", "zero_temperature", "parallel"
std::string to_string(Order);      ///< "random", "sequential"
std::string to_string(Init);       ///< "pattern", "random", "mixture", "example", "noisy_pattern"
std::string to_string(Evaluation); ///< "exact", "plefka"

}  // namespace hebbmc::runs
