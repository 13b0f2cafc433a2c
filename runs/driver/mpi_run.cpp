// `hebbmc run` under MPI (docs/architecture.md "Scale"): rank 0 owns the output file and hands out
// (point, sample) tasks one at a time to the other ranks (dynamic distribution); a worker
// simulates its task and returns the final chain state, from which rank 0 computes the sample
// result exactly as a single process does, so the file is the same whatever the rank count.
#ifdef HEBBMC_HAVE_MPI
#include <mpi.h>

#include <chrono>
#include <cstdio>
#include <thread>
#include <cstring>
#include <exception>
#include <optional>
#include <stdexcept>
#include <deque>
#include <string>
#include <vector>

#include "runs/driver/mpi_run.hpp"
#include "runs/driver/mpi_session.hpp"
#include "runs/driver/point_collector.hpp"
#include "runs/driver/run_outcome.hpp"
#include "runs/driver/run_plan.hpp"
#include "runs/driver/signals.hpp"
#include "runs/input/input_error.hpp"
#include "runs/io/output.hpp"
#include "runs/io/run_output.hpp"

namespace hebbmc::runs {

namespace {

// Message tags of the master/worker protocol.
enum Tag : int {
  request = 1,  // worker -> master: ready for a task (empty)
  task = 2,     // master -> worker: int64[2] = point index into spec.points, sample
  done = 3,     // master -> worker: no more tasks (empty)
  result = 4,   // worker -> master: serialized final ChainState; also asks for the next task
  failed = 5,   // worker -> master: error text
  stopped = 6,  // worker -> master: stopped by a signal after checkpointing
  setup = 7,    // master -> all: int status of the output preparation (0 ok, 2 input error)
};

// Receives any message from `source` (or any rank): its bytes, tag and sender.
std::vector<char> receive(int source, int* tag, int* from) {
  MPI_Status st;
  int ready = 0;
  for (;;) {  // poll gently: a blocking MPI_Probe spins and would steal a core from the workers
    MPI_Iprobe(source, MPI_ANY_TAG, MPI_COMM_WORLD, &ready, &st);
    if (ready) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  int n = 0;
  MPI_Get_count(&st, MPI_CHAR, &n);
  std::vector<char> bytes(static_cast<std::size_t>(n));
  MPI_Recv(bytes.data(), n, MPI_CHAR, st.MPI_SOURCE, st.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  *tag = st.MPI_TAG;
  *from = st.MPI_SOURCE;
  return bytes;
}

void send(int dest, Tag tag, const std::vector<char>& bytes = {}) {
  MPI_Send(bytes.data(), static_cast<int>(bytes.size()), MPI_CHAR, dest, tag, MPI_COMM_WORLD);
}

int master(const RunSpec& spec, const CommandOptions& options) {
  const SignalGuard signals;  // first in, last out: a signal while the output closes is only a request
  const std::string path = output_path(spec, options);
  const CheckpointStore store(path);
  std::optional<RunOutput> output;
  int status = 0;
  std::exception_ptr setup_error;
  try {
    output.emplace(prepare_output(spec, path, options, store));
  } catch (...) {
    status = 2;
    setup_error = std::current_exception();
  }
  MPI_Bcast(&status, 1, MPI_INT, 0, MPI_COMM_WORLD);
  if (setup_error) std::rethrow_exception(setup_error);  // main() prints it and exits 2

  h5::File& file = output->file;
  const RunPlan plan = make_plan(spec, output->complete, store, options.resume);
  if (!options.quiet)
    std::fprintf(stderr, "hebbmc: %d MPI ranks (1 writer, %d workers); %zu of %zu points to %s\n", mpi::size(),
                 mpi::size() - 1, plan.todo.size(), spec.points.size(), options.resume ? "finish" : "run");
  Progress progress(plan.total_work, !options.quiet, options.progress_every);
  progress.set_points(static_cast<int>(plan.todo.size()));
  PointCollector collector(spec, plan, file, progress);

  std::deque<std::size_t> queue;
  for (std::size_t t = 0; t < plan.tasks.size(); ++t) queue.push_back(t);
  std::vector<long> assigned(static_cast<std::size_t>(mpi::size()), -1);
  int active = mpi::size() - 1;
  std::string error;
  bool was_stopped = false;
  while (active > 0) {
    int tag = 0, from = 0;
    const std::vector<char> bytes = receive(MPI_ANY_SOURCE, &tag, &from);
    if (tag == result) {
      const Task& t = plan.tasks.at(static_cast<std::size_t>(assigned[from]));
      const PointParameters& p = spec.points[t.point];
      try {
        const ChainState final_state = deserialize(bytes);
        if (!final_state.finished(p) || final_state.point != p.index || final_state.sample != t.sample)
          throw std::runtime_error("worker returned the wrong state");
        progress.advance(remaining_work(p, t.start ? t.start->sweeps_done : 0));
        collector.add(t.point, t.sample, result_from_state(p, final_state));
      } catch (const std::exception& e) {
        if (error.empty()) error = e.what();
      }
    } else if (tag == failed) {
      if (error.empty()) error = "rank " + std::to_string(from) + ": " + std::string(bytes.begin(), bytes.end());
    } else if (tag == stopped) {
      was_stopped = true;
    }
    assigned[from] = -1;
    const bool finished_worker = tag == failed || tag == stopped;
    if (!finished_worker && !queue.empty() && error.empty() && !was_stopped && !stop_requested()) {
      const std::size_t t = queue.front();
      queue.pop_front();
      assigned[from] = static_cast<long>(t);
      const std::int64_t msg[2] = {static_cast<std::int64_t>(plan.tasks[t].point), plan.tasks[t].sample};
      MPI_Send(msg, 2, MPI_INT64_T, from, task, MPI_COMM_WORLD);
    } else {
      if (!finished_worker) send(from, done);
      --active;
    }
  }
  progress.finish();
  return finish_run(spec, options, store, error, was_stopped || stop_requested(), collector.points_with_warnings());
}

int worker(const RunSpec& spec, const CommandOptions& options) {
  int status = 0;
  MPI_Bcast(&status, 1, MPI_INT, 0, MPI_COMM_WORLD);
  if (status != 0) return status;  // rank 0 reports the error
  const CheckpointStore store(output_path(spec, options));
  const SignalGuard signals;
  send(0, request);
  for (;;) {
    int tag = 0, from = 0;
    const std::vector<char> bytes = receive(0, &tag, &from);
    if (tag == done) return 0;
    std::int64_t msg[2];
    if (bytes.size() != sizeof msg) throw std::logic_error("MPI worker: malformed task message");
    std::memcpy(msg, bytes.data(), sizeof msg);
    const PointParameters& p = spec.points.at(static_cast<std::size_t>(msg[0]));
    const int sample = static_cast<int>(msg[1]);
    const Task t{static_cast<std::size_t>(msg[0]), sample, options.resume ? store.load(p, sample, nullptr) : std::nullopt};
    try {
      ChainState final_state;
      CheckpointHooks hooks = make_hooks(t, p, store, options.checkpoint_every);
      auto save = hooks.save;
      hooks.save = [&](const ChainState& st) {
        if (st.finished(p)) final_state = st;
        save(st);
      };
      if (t.start && t.start->finished(p)) final_state = *t.start;
      else simulate_sample(p, t.sample, [](double) {}, hooks);
      send(0, result, serialize(final_state));
    } catch (const Stopped&) {
      send(0, stopped);
      return 0;  // rank 0 reports and sets the exit code
    } catch (const std::exception& e) {
      const std::string what = e.what();
      send(0, failed, std::vector<char>(what.begin(), what.end()));
      return 0;
    }
  }
}

}  // namespace

int run_distributed(const RunSpec& spec, const CommandOptions& options) {
  if (options.threads > 1 && mpi::rank() == 0)
    std::fprintf(stderr, "hebbmc: note: under MPI each worker rank runs one sample at a time; -j is ignored\n");
  return mpi::rank() == 0 ? master(spec, options) : worker(spec, options);
}

}  // namespace hebbmc::runs
#endif
