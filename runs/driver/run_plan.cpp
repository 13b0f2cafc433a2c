// The tasks of a run and their checkpoint hooks (runs/driver/run_plan.hpp).
#include "runs/driver/run_plan.hpp"

#include <chrono>
#include <cstdio>
#include <memory>

#include "runs/driver/signals.hpp"

namespace hebbmc::runs {

RunPlan make_plan(const RunSpec& spec, const std::vector<bool>& complete, const CheckpointStore& store, bool resume) {
  RunPlan plan;
  for (std::size_t i = 0; i < spec.points.size(); ++i) {
    const auto& p = spec.points[i];
    if (complete.at(i)) continue;
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

CheckpointHooks make_hooks(const Task& task, const PointParameters& p, const CheckpointStore& store, double every) {
  CheckpointHooks hooks;
  hooks.start = task.start ? &*task.start : nullptr;
  auto last = std::make_shared<std::chrono::steady_clock::time_point>(std::chrono::steady_clock::now());
  hooks.due = [last, every] {
    if (stop_requested()) return true;
    if (every <= 0) return false;
    const auto now = std::chrono::steady_clock::now();
    if (std::chrono::duration<double>(now - *last).count() < every) return false;
    *last = now;
    return true;
  };
  hooks.save = [&store, &p](const ChainState& st) {
    store.save(st);
    if (stop_requested() && !st.finished(p)) throw Stopped{};
  };
  return hooks;
}

}  // namespace hebbmc::runs
