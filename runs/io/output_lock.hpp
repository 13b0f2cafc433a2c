#pragma once
// One writer per output file (docs/checkpoints.md, "One writer"): an advisory lock on
// `OUTPUT.lock` beside the output, holding the writer's pid and host. The kernel drops the
// lock when its process ends, however it ends, so a lock left by a killed run is simply taken
// over; a live holder makes every other writer refuse at once, whatever its options.
#include <string>
#include <string_view>

#include "runs/input/input_error.hpp"
#include "runs/input/output_name.hpp"  // lock_suffix

namespace hebbmc::runs {

/// Another live process holds the lock of the output (exit 2: nothing was done).
struct OutputBusy : InputError {
  using InputError::InputError;
};

/// Takes the lock of `output` for the rest of this process (a second call for the same output
/// is a no-op); throws OutputBusy naming the holder (pid, host, since when) if another process
/// has it. Where no lock file can be created (a missing directory, a file system without
/// locks) it does nothing: opening the output itself then reports the problem.
void lock_output(const std::string& output);

}  // namespace hebbmc::runs
