"""Movement screens (overhead squat, single-leg squat, arm raise) from landmark sequences."""
