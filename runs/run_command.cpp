#include <omp.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <optional>

#include "runs/commands.hpp"
#include "runs/input_error.hpp"
#include "runs/output.hpp"
#include "runs/progress.hpp"
#include "runs/simulation.hpp"

namespace hebbmc::runs {

std::string output_path(const RunSpec& spec, const CommandOptions& options) {
  return options.output.empty() ? spec.output : options.output;
}

namespace {

h5::File create_output(const RunSpec& spec, const std::string& path, bool force) {
  if (std::filesystem::exists(path) && !force)
    throw InputError(path, 0, "", "output file exists; pass --force to overwrite it (or -o to choose another name)");
  try {
    h5::File file = h5::File::create(path);
    write_root_attributes(file, spec);
    for (const auto& p : spec.points) require_point_group(file, p);
    rebuild_summary_table(file, spec);
    return file;
  } catch (const h5::H5Error& e) {
    throw InputError(path, 0, "output", std::string("cannot write the output file: ") + e.what());
  }
}

// One unit of parallel work: one disorder sample of one point.
struct Task {
  std::size_t point;
  int sample;
};

}  // namespace

int run_command(const RunSpec& spec, const CommandOptions& options) {
  const std::string path = output_path(spec, options);
  h5::File file = create_output(spec, path, options.force);
  if (options.threads > 0) omp_set_num_threads(options.threads);

  std::vector<Task> tasks;
  double total_work = 0;
  for (std::size_t i = 0; i < spec.points.size(); ++i) {
    for (int s = 0; s < spec.points[i].samples; ++s) tasks.push_back({i, s});
    total_work += point_work(spec.points[i]);
  }
  std::vector<std::vector<std::optional<SampleResult>>> results(spec.points.size());
  std::vector<std::atomic<int>> remaining(spec.points.size());
  std::vector<std::chrono::steady_clock::time_point> started(spec.points.size(), std::chrono::steady_clock::now());
  for (std::size_t i = 0; i < spec.points.size(); ++i) {
    results[i].resize(static_cast<std::size_t>(spec.points[i].samples));
    remaining[i] = spec.points[i].samples;
  }
  Progress progress(total_work, !options.quiet);
  progress.set_points(static_cast<int>(spec.points.size()));
  const ProgressCallback advance = [&progress](double w) { progress.advance(w); };
  std::mutex error_mutex;
  std::string first_error;
  std::atomic<bool> failed{false};

  // Every task is a pure function of its (point, sample) key, so scheduling cannot change
  // any number; the point is written by whichever thread finishes its last sample.
#pragma omp parallel for schedule(dynamic, 1)
  for (std::size_t t = 0; t < tasks.size(); ++t) {
    if (failed) continue;
    const auto [i, s] = tasks[t];
    try {
      results[i][s] = simulate_sample(spec.points[i], s, advance);
      if (--remaining[i] == 0) {
        std::vector<SampleResult> samples;
        for (auto& r : results[i]) samples.push_back(std::move(*r));
        results[i].clear();
        PointResult point = summarise_point(spec.points[i], std::move(samples));
        point.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started[i]).count();
#pragma omp critical(hebbmc_writer)
        {
          write_point(file, point);
          rebuild_summary_table(file, spec);
        }
        progress.point_done();
      }
    } catch (const std::exception& e) {
      std::lock_guard lock(error_mutex);
      if (!failed.exchange(true)) first_error = e.what();
    }
  }
  progress.finish();
  if (failed) {
    std::fprintf(stderr, "hebbmc: run failed: %s\n(completed points are kept in %s)\n", first_error.c_str(), path.c_str());
    return 1;
  }
  if (!options.quiet) std::fprintf(stderr, "hebbmc: wrote %zu points to %s\n", spec.points.size(), path.c_str());
  return 0;
}

}  // namespace hebbmc::runs
