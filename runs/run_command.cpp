#include <omp.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <csignal>
#include <mutex>
#include <optional>

#include "runs/checkpoint.hpp"
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

// Set by SIGINT / SIGTERM (e.g. a batch system's time limit): running chains checkpoint and stop.
std::atomic<bool> stop_requested{false};

extern "C" void on_stop_signal(int) { stop_requested = true; }

// Thrown inside a chain after its checkpoint when a stop was requested.
struct Stopped {};

h5::File create_output(const RunSpec& spec, const std::string& path, bool force) {
  if (std::filesystem::exists(path) && !force)
    throw InputError(path, 0, "", "output file exists; pass --force to overwrite it, --resume to continue it "
                                  "(or -o to choose another name)");
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

// Opens the output of a killed run for `--resume` (docs/checkpoints.md). A damaged file is
// rebuilt from the checkpoints when they exist; a file from another parameter file is refused
// unless `force`.
h5::File open_for_resume(const RunSpec& spec, const std::string& path, bool force, const CheckpointStore& store,
                         bool quiet) {
  if (!std::filesystem::exists(path)) {
    if (!store.exists()) throw InputError(path, 0, "", "nothing to resume: the output file and its checkpoints are missing");
    if (!quiet) std::fprintf(stderr, "hebbmc: %s is missing; rebuilding it from %s\n", path.c_str(), store.directory().c_str());
    return create_output(spec, path, true);
  }
  std::string damage;
  try {
    h5::File file = h5::File::open(path, true);
    require_hebbmc_file(file);
    const h5::Group root = file.root();
    if (!root.has_attr("parameter_file")) throw InputError(path, 0, "", "no root attribute parameter_file");
    if (root.attr_string("parameter_file") != spec.text && !force)
      throw InputError(path, 0, "", "was written from a different parameter file than " + spec.file +
                                        "; pass --force to resume it with the new parameters (points whose "
                                        "parameters changed are recomputed)");
    write_root_attributes(file, spec);
    h5::Group points = file.root().require_group("points");
    for (const auto& p : spec.points)
      if (!point_complete(file, p)) points.remove(point_name(p.index));  // partial or stale: redo
    for (const auto& p : spec.points) require_point_group(file, p);
    rebuild_summary_table(file, spec);
    return file;
  } catch (const InputError& e) {
    if (std::string(e.what()).find("different parameter file") != std::string::npos) throw;
    damage = e.what();
  } catch (const std::exception& e) {
    damage = e.what();
  }
  if (!store.exists())
    throw InputError(path, 0, "", "cannot resume: the file is damaged (" + damage + ") and there are no checkpoints (" +
                                      store.directory().string() + ") to rebuild it from");
  if (!quiet)
    std::fprintf(stderr, "hebbmc: %s is damaged (%s); rebuilding it from %s\n", path.c_str(), damage.c_str(),
                 store.directory().c_str());
  return create_output(spec, path, true);
}

// One unit of parallel work: one disorder sample of one point, maybe continued from a checkpoint.
struct Task {
  std::size_t point;
  int sample;
  std::optional<ChainState> start;
};

}  // namespace

int run_command(const RunSpec& spec, const CommandOptions& options) {
  const std::string path = output_path(spec, options);
  const CheckpointStore store(path);
  h5::File file = options.resume ? open_for_resume(spec, path, options.force, store, options.quiet)
                                 : create_output(spec, path, options.force);
  if (!options.resume) store.remove_all();  // stale checkpoints of an overwritten run
  if (options.threads > 0) omp_set_num_threads(options.threads);

  std::vector<Task> tasks;
  double total_work = 0;
  std::vector<std::size_t> todo;
  for (std::size_t i = 0; i < spec.points.size(); ++i) {
    const auto& p = spec.points[i];
    if (options.resume && point_complete(file, p)) continue;
    todo.push_back(i);
    for (int s = 0; s < p.samples; ++s) {
      std::string warning;
      auto start = options.resume ? store.load(p, s, &warning) : std::nullopt;
      if (!warning.empty()) std::fprintf(stderr, "hebbmc: warning: %s\n", warning.c_str());
      total_work += remaining_work(p, start ? start->sweeps_done : 0);
      tasks.push_back({i, s, std::move(start)});
    }
  }
  if (options.resume && !options.quiet)
    std::fprintf(stderr, "hebbmc: resuming %s: %zu of %zu points to finish\n", path.c_str(), todo.size(), spec.points.size());

  std::vector<std::vector<std::optional<SampleResult>>> results(spec.points.size());
  std::vector<std::atomic<int>> remaining(spec.points.size());
  std::vector<std::chrono::steady_clock::time_point> started(spec.points.size(), std::chrono::steady_clock::now());
  for (std::size_t i : todo) {
    results[i].resize(static_cast<std::size_t>(spec.points[i].samples));
    remaining[i] = spec.points[i].samples;
  }
  Progress progress(total_work, !options.quiet);
  progress.set_points(static_cast<int>(todo.size()));
  const ProgressCallback advance = [&progress](double w) { progress.advance(w); };
  std::mutex error_mutex;
  std::string first_error;
  std::atomic<bool> failed{false}, stopped{false};
  stop_requested = false;
  auto previous_int = std::signal(SIGINT, on_stop_signal);
  auto previous_term = std::signal(SIGTERM, on_stop_signal);
  const auto every = std::chrono::duration<double>(options.checkpoint_every);

  // Every task is a pure function of its (point, sample) key, so scheduling cannot change
  // any number; the point is written by whichever thread finishes its last sample.
#pragma omp parallel for schedule(dynamic, 1)
  for (std::size_t t = 0; t < tasks.size(); ++t) {
    if (failed || stopped || stop_requested) continue;
    const auto& task = tasks[t];
    const std::size_t i = task.point;
    const int s = task.sample;
    try {
      auto last = std::chrono::steady_clock::now();
      CheckpointHooks hooks;
      hooks.start = task.start ? &*task.start : nullptr;
      hooks.due = [&] {
        if (stop_requested) return true;
        if (options.checkpoint_every <= 0) return false;
        const auto now = std::chrono::steady_clock::now();
        if (now - last < every) return false;
        last = now;
        return true;
      };
      hooks.save = [&](const ChainState& st) {
        store.save(st);
        if (stop_requested && !st.finished(spec.points[i])) throw Stopped{};
      };
      results[i][s] = simulate_sample(spec.points[i], s, advance, hooks);
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
    } catch (const Stopped&) {
      stopped = true;
    } catch (const std::exception& e) {
      std::lock_guard lock(error_mutex);
      if (!failed.exchange(true)) first_error = e.what();
    }
  }
  std::signal(SIGINT, previous_int);
  std::signal(SIGTERM, previous_term);
  progress.finish();
  if (failed) {
    std::fprintf(stderr, "hebbmc: run failed: %s\n(completed points are kept in %s)\n", first_error.c_str(), path.c_str());
    return 1;
  }
  if (stopped || stop_requested) {
    std::fprintf(stderr, "hebbmc: stopped by a signal; checkpoints are in %s; continue with: hebbmc run %s --resume%s\n",
                 store.directory().c_str(), spec.file.c_str(), options.output.empty() ? "" : (" -o " + path).c_str());
    return 130;
  }
  store.remove_all();  // every point is in the file: the checkpoints have served
  if (!options.quiet) std::fprintf(stderr, "hebbmc: wrote %zu points to %s\n", spec.points.size(), path.c_str());
  return 0;
}

}  // namespace hebbmc::runs
