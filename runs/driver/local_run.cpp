// `hebbmc run` in one process (runs/driver/local_run.hpp).
#include "runs/driver/local_run.hpp"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <mutex>
#include <string>

#include "runs/driver/point_collector.hpp"
#include "runs/driver/progress.hpp"
#include "runs/driver/run_outcome.hpp"
#include "runs/driver/run_plan.hpp"
#include "runs/driver/signals.hpp"
#include "runs/driver/simulation.hpp"
#include "runs/io/run_output.hpp"

namespace hebbmc::runs {

int run_local(const RunSpec& spec, const CommandOptions& options) {
  const SignalGuard signals;  // first in, last out: a signal while the output closes is only a request
  const std::string path = output_path(spec, options);
  const CheckpointStore store(path);
  RunOutput output = prepare_output(spec, path, options, store);
  h5::File& file = output.file;
  if (options.threads > 0) omp_set_num_threads(options.threads);
  const RunPlan plan = make_plan(spec, output.complete, store, options.resume);
  // Fewer tasks than threads: give each task's replicas the spare threads (nested level 2).
  const int threads = omp_get_max_threads();
  const int tasks = static_cast<int>(std::max<std::size_t>(plan.tasks.size(), 1));
  const int replica_threads = tasks < threads ? (threads + tasks - 1) / tasks : 1;
  if (replica_threads > 1) omp_set_max_active_levels(2);
  if (options.resume && !options.quiet)
    std::fprintf(stderr, "hebbmc: resuming %s: %zu of %zu points to finish\n", path.c_str(), plan.todo.size(), spec.points.size());

  Progress progress(plan.total_work, !options.quiet, options.progress_every);
  progress.set_points(static_cast<int>(plan.todo.size()));
  const ProgressCallback advance = [&progress](double w) { progress.advance(w); };
  PointCollector collector(spec, plan, file, progress);
  std::mutex error_mutex;
  std::string first_error;
  std::atomic<bool> failed{false}, stopped{false};

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
