"""ReLU networks under random inputs: the distribution over affine pieces and of the outputs, without sampling."""
