#include "models/unsupervised.hpp"

#include <cmath>

namespace hebbmc::models {

UnsupervisedModel::UnsupervisedModel(const Examples& data, int P, Interaction interaction, engine::Spins spins)
    : data_(&data),
      examples_(data.examples(), P, interaction, std::move(spins)),
      scale_(std::pow(data.R(), -0.5 * P) / data.M()) {}  // eq. L6

}  // namespace hebbmc::models
