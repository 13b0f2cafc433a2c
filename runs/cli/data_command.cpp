// `hebbmc data FILE.toml`: learn K classes from structured data (Fashion-MNIST, any IDX set, the
// user's HDF5) and classify held-out test patterns by the network's dynamics (docs/datasets.md):
// read the file and the data, classify (runs/data/classification), write and print the result.
#include <omp.h>

#include <chrono>
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

#include "models/structured_data.hpp"
#include "runs/cli/commands.hpp"
#include "runs/data/classification.hpp"
#include "runs/data/data_output.hpp"
#include "runs/data/data_source.hpp"
#include "runs/input/command_options.hpp"
#include "runs/input/data_spec.hpp"
#include "runs/input/input_error.hpp"

namespace hebbmc::runs {

namespace {

// The training set of `data` with its archetypes and qualities (D2-D4), and the model checked to
// hold it: the last step before any chain runs. Bad data and sizes are InputErrors.
models::StructuredData structured_data(const DataSpec& spec, const ClassData& data) {
  const std::string data_file = spec.source == DataSourceKind::hdf5 ? spec.path : spec.train_images;
  std::optional<models::StructuredData> sd;
  try {
    sd.emplace(data.N, static_cast<std::int64_t>(spec.classes.size()), static_cast<int>(spec.M), data.train,
               data.archetypes);
  } catch (const std::invalid_argument& e) {
    throw InputError(data_file, 0, "", e.what());
  }
  check_model_fits(spec, *sd);
  return std::move(*sd);
}

}  // namespace

int data_check_command(const std::string& parameter_file) {
  const DataSpec spec = load_data_spec(parameter_file);
  const ClassData data = load_class_data(spec);
  const models::StructuredData sd = structured_data(spec, data);
  std::printf("%s: OK, hebbmc data: %s; %lld classes x %lld training examples, %zu test patterns, N = %lld; "
              "output %s\n",
              spec.file.c_str(), data.description.c_str(), static_cast<long long>(sd.K()),
              static_cast<long long>(sd.M()), data.test_class.size(), static_cast<long long>(sd.N()),
              spec.output.c_str());
  return 0;
}

int data_command(const std::string& parameter_file, const CommandOptions& options) {
  const DataSpec spec = load_data_spec(parameter_file);
  const std::string path = new_output_path(spec.output, options);
  const ClassData data = load_class_data(spec);
  const models::StructuredData sd = structured_data(spec, data);
  if (options.threads > 0) omp_set_num_threads(options.threads);
  const auto start = std::chrono::steady_clock::now();
  const ClassificationResults r = classify(spec, data, sd, options.quiet, options.progress_every);
  const ClassificationSummary s = summarise(data, r);
  write_data_output(path, spec, data, sd, r, s);
  print_data_table(spec, data, sd, s);
  if (!options.quiet)
    std::fprintf(stderr, "hebbmc data: %lld test patterns in %.1f s, written to %s\n", static_cast<long long>(r.T),
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), path.c_str());
  return 0;
}

}  // namespace hebbmc::runs
