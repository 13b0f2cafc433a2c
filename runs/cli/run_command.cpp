#include <omp.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <csignal>
#include <mutex>
#include <memory>
#include <optional>

#include "observables/run_length.hpp"
#include "runs/io/checkpoint.hpp"
#include "runs/cli/commands.hpp"
#include "runs/input/input_error.hpp"
#include "runs/io/output.hpp"
#include "runs/driver/progress.hpp"
#include "runs/driver/mpi_session.hpp"
#include "runs/driver/run_plan.hpp"
#include "runs/driver/simulation.hpp"

namespace hebbmc::runs {

std::string output_path(const RunSpec& spec, const CommandOptions& options) {
  return options.output.empty() ? spec.output : options.output;
}

namespace {

std::atomic<bool> stop_flag{false};

extern "C" void on_stop_signal(int) { stop_flag = true; }

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

}  // namespace

bool stop_requested() { return stop_flag; }

SignalGuard::SignalGuard() {
  stop_flag = false;
  previous_int_ = std::signal(SIGINT, on_stop_signal);
  previous_term_ = std::signal(SIGTERM, on_stop_signal);
}

SignalGuard::~SignalGuard() {
  std::signal(SIGINT, previous_int_);
  std::signal(SIGTERM, previous_term_);
}

h5::File prepare_output(const RunSpec& spec, const std::string& path, const CommandOptions& options,
                        const CheckpointStore& store) {
  if (options.resume) return open_for_resume(spec, path, options.force, store, options.quiet);
  h5::File file = create_output(spec, path, options.force);
  store.remove_all();  // stale checkpoints of an overwritten run
  return file;
}

RunPlan make_plan(const RunSpec& spec, const h5::File& file, const CheckpointStore& store, bool resume) {
  RunPlan plan;
  for (std::size_t i = 0; i < spec.points.size(); ++i) {
    const auto& p = spec.points[i];
    if (resume && point_complete(file, p)) continue;
    plan.todo.push_back(i);
    for (int s = 0; s < p.samples; ++s) {
      std::string warning;
      auto start = resume ? store.load(p, s, &warning) : std::nullopt;
      if (!warning.empty()) std::fprintf(stderr, "hebbmc: warning: %s\n", warning.c_str());
      plan.total_work += remaining_work(p, start ? start->sweeps_done : 0);
      plan.tasks.push_back({i, s, std::move(start)});
    }
  }
  return plan;
}

PointCollector::PointCollector(const RunSpec& spec, const RunPlan& plan, h5::File& file, Progress& progress)
    : spec_(spec), file_(file), progress_(progress), results_(spec.points.size()), missing_(spec.points.size(), 0),
      started_(spec.points.size(), std::chrono::steady_clock::now()) {
  for (std::size_t i : plan.todo) {
    results_[i].resize(static_cast<std::size_t>(spec.points[i].samples));
    missing_[i] = spec.points[i].samples;
  }
}

void PointCollector::add(std::size_t i, int s, SampleResult result) {
  std::vector<SampleResult> samples;
  {
    std::lock_guard lock(mutex_);
    results_[i][s] = std::move(result);
    if (--missing_[i] != 0) return;
    for (auto& r : results_[i]) samples.push_back(std::move(*r));
    results_[i].clear();
  }
  PointResult point = summarise_point(spec_.points[i], std::move(samples));
  point.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_[i]).count();
  {
    std::lock_guard lock(mutex_);  // one writer: HDF5 is not thread-safe
    write_point(file_, point);
    rebuild_summary_table(file_, spec_);
    warned_ += !point.warnings.empty();
  }
  progress_.point_done();
}

CheckpointHooks make_hooks(const Task& task, const PointParameters& p, const CheckpointStore& store, double every) {
  CheckpointHooks hooks;
  hooks.start = task.start ? &*task.start : nullptr;
  auto last = std::make_shared<std::chrono::steady_clock::time_point>(std::chrono::steady_clock::now());
  hooks.due = [last, every] {
    if (stop_flag) return true;
    if (every <= 0) return false;
    const auto now = std::chrono::steady_clock::now();
    if (std::chrono::duration<double>(now - *last).count() < every) return false;
    *last = now;
    return true;
  };
  hooks.save = [&store, &p](const ChainState& st) {
    store.save(st);
    if (stop_flag && !st.finished(p)) throw Stopped{};
  };
  return hooks;
}

int finish_run(const RunSpec& spec, const CommandOptions& options, const CheckpointStore& store,
               const std::string& error, bool stopped, int points_with_warnings) {
  if (points_with_warnings > 0)
    std::fprintf(stderr,
                 "hebbmc: warning: %d point%s ran shorter than %.0f integrated autocorrelation times or without a "
                 "binning plateau: their error bars are lower bounds (attribute run_length_warnings of each point; "
                 "docs/statistics.md)\n",
                 points_with_warnings, points_with_warnings == 1 ? "" : "s", observables::run_length_rule_taus);
  const std::string path = output_path(spec, options);
  if (!error.empty()) {
    std::fprintf(stderr, "hebbmc: run failed: %s\n(completed points are kept in %s; checkpoints in %s)\n", error.c_str(),
                 path.c_str(), store.directory().c_str());
    return 1;
  }
  if (stopped) {
    std::fprintf(stderr, "hebbmc: stopped by a signal; checkpoints are in %s; continue with: hebbmc run %s --resume%s\n",
                 store.directory().c_str(), spec.file.c_str(), options.output.empty() ? "" : (" -o " + path).c_str());
    return 130;
  }
  store.remove_all();  // every point is in the file: the checkpoints have served
  if (!options.quiet) std::fprintf(stderr, "hebbmc: wrote %zu points to %s\n", spec.points.size(), path.c_str());
  return 0;
}

int run_command(const RunSpec& spec, const CommandOptions& options) {
#ifdef HEBBMC_HAVE_MPI
  if (mpi::size() > 1) return run_distributed(spec, options);
#else
  if (mpi::launched_with_several_ranks())
    throw InputError("command line", 0, "", "this hebbmc was built without MPI (configure with -DHEBBMC_MPI=ON)");
#endif
  const std::string path = output_path(spec, options);
  const CheckpointStore store(path);
  h5::File file = prepare_output(spec, path, options, store);
  if (options.threads > 0) omp_set_num_threads(options.threads);
  const RunPlan plan = make_plan(spec, file, store, options.resume);
  // Fewer tasks than threads: give each task's replicas the spare threads (nested level 2).
  const int threads = omp_get_max_threads();
  const int tasks = static_cast<int>(std::max<std::size_t>(plan.tasks.size(), 1));
  const int replica_threads = tasks < threads ? (threads + tasks - 1) / tasks : 1;
  if (replica_threads > 1) omp_set_max_active_levels(2);
  if (options.resume && !options.quiet)
    std::fprintf(stderr, "hebbmc: resuming %s: %zu of %zu points to finish\n", path.c_str(), plan.todo.size(), spec.points.size());

  Progress progress(plan.total_work, !options.quiet);
  progress.set_points(static_cast<int>(plan.todo.size()));
  const ProgressCallback advance = [&progress](double w) { progress.advance(w); };
  PointCollector collector(spec, plan, file, progress);
  std::mutex error_mutex;
  std::string first_error;
  std::atomic<bool> failed{false}, stopped{false};
  const SignalGuard signals;

  // Every task is a pure function of its (point, sample) key, so scheduling cannot change
  // any number; a point is written by whichever thread finishes its last sample.
#pragma omp parallel for schedule(dynamic, 1)
  for (std::size_t t = 0; t < plan.tasks.size(); ++t) {
    if (failed || stopped || stop_requested()) continue;
    const Task& task = plan.tasks[t];
    const auto& p = spec.points[task.point];
    try {
      CheckpointHooks hooks = make_hooks(task, p, store, options.checkpoint_every);
      hooks.replica_threads = replica_threads;
      collector.add(task.point, task.sample, simulate_sample(p, task.sample, advance, hooks));
    } catch (const Stopped&) {
      stopped = true;
    } catch (const std::exception& e) {
      std::lock_guard lock(error_mutex);
      if (!failed.exchange(true)) first_error = e.what();
    }
  }
  progress.finish();
  return finish_run(spec, options, store, first_error, stopped || stop_requested(), collector.points_with_warnings());
}

}  // namespace hebbmc::runs
