package org.unroll.engine;

/**
 * Which samples {@link Datasets} holds out for validation.
 *
 * <p>Shuffled: round(n·fraction) samples (at least one when the fraction is above 0 and there are
 * two or more) chosen by a shuffle from the seed, as the engine always did (and as the first
 * edition's {@code train_test_split(X, Y, test_size=N_validation)} does with its own shuffle).
 * Unshuffled: the last ⌈n·fraction⌉ samples, as {@code train_test_split(…, test_size=fraction,
 * shuffle=False)} and Keras's {@code validation_split} take them (for the sine: the latest
 * windows). Either way at least one sample stays for training, and both parts keep the original
 * order.
 *
 * @param fraction the fraction held out, 0 (none) to below 1
 * @param shuffled whether the held-out samples are drawn at random (else the last ones)
 */
public record ValidationSplit(double fraction, boolean shuffled) {

    /** The engine's default: a seeded random 10 %. */
    public static final ValidationSplit DEFAULT = new ValidationSplit(Datasets.VALIDATION_FRACTION, true);

    public ValidationSplit {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new InvalidInput(Message.of("problem.training.validationFraction", fraction));
        }
    }

    /**
     * How many of n samples are held out.
     *
     * @param n the number of samples
     * @return the validation count, 0 … n − 1 (0 when n &lt; 2 or the fraction is 0)
     */
    public int count(int n) {
        if (n < 2 || fraction == 0) {
            return 0;
        }
        long k = shuffled ? Math.round(n * fraction) : (long) Math.ceil(n * fraction);
        return (int) Math.max(1, Math.min(n - 1, k));
    }
}
