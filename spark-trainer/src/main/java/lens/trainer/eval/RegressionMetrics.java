package lens.trainer.eval;

/**
 * RMSE and MAE from sums, so that a distributed aggregation (count, sum of squared and of absolute errors) and a
 * plain loop give the same figures.
 *
 * @param count            number of predicted ratings
 * @param sumSquaredErrors sum of (prediction - rating)^2
 * @param sumAbsoluteErrors sum of |prediction - rating|
 */
public record RegressionMetrics(long count, double sumSquaredErrors, double sumAbsoluteErrors) {

    public RegressionMetrics {
        if (count < 0 || sumSquaredErrors < 0 || sumAbsoluteErrors < 0) {
            throw new IllegalArgumentException("negative count or error sum");
        }
    }

    public static RegressionMetrics of(double[] predictions, double[] ratings) {
        if (predictions.length != ratings.length) {
            throw new IllegalArgumentException("predictions and ratings differ in length");
        }
        double squared = 0;
        double absolute = 0;
        for (int i = 0; i < predictions.length; i++) {
            double error = predictions[i] - ratings[i];
            squared += error * error;
            absolute += Math.abs(error);
        }
        return new RegressionMetrics(predictions.length, squared, absolute);
    }

    /** NaN when nothing was predicted: an empty holdout has no error, not a zero one. */
    public double rmse() {
        return count == 0 ? Double.NaN : Math.sqrt(sumSquaredErrors / count);
    }

    public double mae() {
        return count == 0 ? Double.NaN : sumAbsoluteErrors / count;
    }

    public RegressionMetrics plus(RegressionMetrics other) {
        return new RegressionMetrics(count + other.count, sumSquaredErrors + other.sumSquaredErrors,
                sumAbsoluteErrors + other.sumAbsoluteErrors);
    }
}
