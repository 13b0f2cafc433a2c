#pragma once
// The typed flip kernel of a model whose flip arithmetic is chosen at run time (storage: the
// degree of h; Plefka: the integer width and P/2). The model names each arithmetic by a tag type,
// its Path, and implements delta_energy(Path, k) and flip(Path, k) for every Path with the choice
// fixed at compile time; with_path(f) calls f(Path{}) for the model's own. A PathKernel is then
// an engine::SpinModel with nothing left to decide per proposal, so engine::sweep, which receives
// it once per sweep from with_kernel, inlines its delta_energy and flip.
#include <cstdint>

namespace hebbmc::models {

/// The flip kernel of `Model` on arithmetic `Path`: an engine::SpinModel over the model's state,
/// valid while the model lives and stays on that path. Model must befriend it.
template <class Model, class Path>
class PathKernel {
 public:
  /// Kernel of `model`, which must be on this path (with_path_kernel guarantees it).
  explicit PathKernel(Model& model) : m_(&model) {}
  /// Energy change if spin k flipped, in the path's arithmetic.
  double delta_energy(std::int64_t k) const { return m_->delta_energy(Path{}, k); }
  /// Energy changes of engine::kProposalBlock sites, where the path evaluates them in one pass.
  void delta_energies(const std::int32_t* sites, double* out) const
    requires requires(const Model& m) { m.delta_energies(Path{}, sites, out); }
  {
    m_->delta_energies(Path{}, sites, out);
  }
  /// Flips spin k and updates the model's bookkeeping.
  void flip(std::int64_t k) { m_->flip(Path{}, k); }
  /// Number of neurons.
  std::int64_t N() const { return m_->N(); }

 private:
  Model* m_;
};

/// Calls f(kernel) once with the PathKernel of `model`'s current path and returns its result: the
/// with_kernel of engine::KernelDispatch (engine/spin_model.hpp).
template <class Model, class F>
decltype(auto) with_path_kernel(Model& model, F&& f) {
  return model.with_path([&](auto path) {
    PathKernel<Model, decltype(path)> kernel(model);
    return f(kernel);
  });
}

}  // namespace hebbmc::models
