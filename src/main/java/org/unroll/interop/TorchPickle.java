package org.unroll.interop;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;
import org.unroll.engine.Message;

/**
 * The pickle of a {@code torch.save}d state dict, read with Pyrolite without executing anything:
 * only the globals a state dict needs are accepted ({@code collections.OrderedDict},
 * {@code torch._utils._rebuild_tensor_v2}, {@code torch._utils._rebuild_parameter} and the
 * floating-point and integer storage classes, which only name a dtype); any other global, and the
 * opcodes that name classes otherwise (INST, extension codes), stop the reading at once with a
 * {@link Refused} naming it. Pyrolite would by itself never run Python code either (a JVM cannot),
 * but it would build a placeholder for any class and carry on: here such a file is refused instead.
 */
final class TorchPickle {

    /**
     * A pickle that names what a state dict never holds, or a container that is not a state dict's:
     * its sentence in either language (ADR 0044), {@code getMessage()} the English.
     */
    static final class Refused extends RuntimeException implements Message.Localized {
        private static final long serialVersionUID = 1L;
        private final Message message;

        Refused(Message message) {
            super(message.english());
            this.message = message;
        }

        @Override
        public Message message() {
            return message;
        }
    }

    /** A storage class: names its dtype (never constructed). */
    record StorageType(String name, String dtype, int size) implements IObjectConstructor {
        @Override
        public Object construct(Object[] args) {
            throw new Refused(Message.of("problem.import.pickle.callsStorage", name));
        }
    }

    /** A storage of the file: its key (the zip entry data/KEY, or the legacy file's key) and type. */
    static final class Storage {
        final String key;
        final StorageType type;
        final long numel;
        double[] values;

        Storage(String key, StorageType type, long numel) {
            this.key = key;
            this.type = type;
            this.numel = numel;
        }
    }

    /** A tensor as the pickle describes it, its values in a storage read afterwards. */
    record TensorRef(Storage storage, long offset, int[] size, long[] stride) {
    }

    /** An OrderedDict: the state dict (its {@code _metadata}, set by BUILD, is ignored). */
    static final class OrderedDict extends LinkedHashMap<Object, Object> {
        private static final long serialVersionUID = 1L;
    }

    static final Map<String, StorageType> STORAGES = Map.of(
            "FloatStorage", new StorageType("FloatStorage", "float32", 4),
            "DoubleStorage", new StorageType("DoubleStorage", "float64", 8),
            "HalfStorage", new StorageType("HalfStorage", "float16", 2),
            "BFloat16Storage", new StorageType("BFloat16Storage", "bfloat16", 2),
            "LongStorage", new StorageType("LongStorage", "int64", 8),
            "IntStorage", new StorageType("IntStorage", "int32", 4));

    private static final IObjectConstructor ORDERED_DICT = args -> {
        if (args.length > 0 && !(args.length == 1 && args[0] instanceof List<?> l && l.isEmpty())) {
            throw new Refused(Message.of("problem.import.pickle.orderedDictArgs"));
        }
        return new OrderedDict();
    };

    private static final IObjectConstructor REBUILD_TENSOR = args -> {
        if (args.length < 4 || !(args[0] instanceof Storage s)) {
            throw new Refused(Message.of("problem.import.pickle.rebuildTensorArgs"));
        }
        long offset = number(args[1]);
        Object[] size = tuple(args[2]);
        Object[] stride = tuple(args[3]);
        if (size.length != stride.length) {
            throw new Refused(Message.of("problem.import.pickle.sizeStride"));
        }
        int[] sz = new int[size.length];
        long[] st = new long[size.length];
        for (int i = 0; i < sz.length; i++) {
            long d = number(size[i]);
            if (d < 0 || d > Integer.MAX_VALUE) {
                throw new Refused(Message.of("problem.import.pickle.dimension", d));
            }
            sz[i] = (int) d;
            st[i] = number(stride[i]);
        }
        return new TensorRef(s, offset, sz, st);
    };

    private static final IObjectConstructor REBUILD_PARAMETER = args -> {
        if (args.length < 1 || !(args[0] instanceof TensorRef)) {
            throw new Refused(Message.of("problem.import.pickle.rebuildParameterArgs"));
        }
        return args[0];
    };

    private TorchPickle() {
    }

    /** The unpickler that accepts only a state dict's globals. */
    static final class Safe extends Unpickler {
        final List<Storage> storages = new ArrayList<>();

        @Override
        protected Object dispatch(short key) throws PickleException, IOException {
            switch (key) {
                case 'c' -> {
                    String module = PickleUtils.readline(input);
                    String name = PickleUtils.readline(input);
                    stack.add(global(module, name));
                    return NO_RETURN_VALUE;
                }
                case 0x93 -> {
                    Object name = stack.pop();
                    Object module = stack.pop();
                    stack.add(global(String.valueOf(module), String.valueOf(name)));
                    return NO_RETURN_VALUE;
                }
                case 'i' -> {
                    String module = PickleUtils.readline(input);
                    String name = PickleUtils.readline(input);
                    throw new Refused(Message.of("problem.import.pickle.namesClass", module + "." + name));
                }
                case 'u' -> {
                    // SETITEMS in the file's order (Pyrolite's own puts them in reverse; the order
                    // says which module comes first, so an embedding in front is told apart)
                    List<Object> items = stack.pop_all_since_marker();
                    if (!(stack.peek() instanceof Map<?, ?> m) || items.size() % 2 != 0) {
                        throw new Refused(Message.of("problem.import.pickle.setItems"));
                    }
                    @SuppressWarnings("unchecked")
                    Map<Object, Object> d = (Map<Object, Object>) m;
                    for (int i = 0; i < items.size(); i += 2) {
                        d.put(items.get(i), items.get(i + 1));
                    }
                    return NO_RETURN_VALUE;
                }
                case 'b' -> {
                    // BUILD: only a state dict's OrderedDict gets a state (its _metadata: module
                    // versions, which change nothing for the weights); Pyrolite would call a Java
                    // method by reflection here
                    stack.pop();
                    if (!(stack.peek() instanceof OrderedDict)) {
                        throw new Refused(Message.of("problem.import.pickle.build"));
                    }
                    return NO_RETURN_VALUE;
                }
                case 0x82, 0x83, 0x84 -> throw new Refused(Message.of("problem.import.pickle.extension"));
                default -> {
                    return super.dispatch(key);
                }
            }
        }

        private static Object global(String module, String name) {
            String full = module + "." + name;
            switch (full) {
                case "collections.OrderedDict":
                    return ORDERED_DICT;
                case "torch._utils._rebuild_tensor_v2":
                    return REBUILD_TENSOR;
                case "torch._utils._rebuild_parameter":
                    return REBUILD_PARAMETER;
                default:
                    if (module.equals("torch") && STORAGES.containsKey(name)) {
                        return STORAGES.get(name);
                    }
                    throw new Refused(Message.of("problem.import.pickle.names", full));
            }
        }

        @Override
        protected Object persistentLoad(Object pid) {
            Object[] t = tuple(pid);
            if (t.length < 5 || !"storage".equals(t[0]) || !(t[1] instanceof StorageType type)) {
                throw new Refused(Message.of("problem.import.pickle.persistent"));
            }
            long numel = number(t[4]);
            Storage s = new Storage(String.valueOf(t[2]), type, numel);
            storages.add(s);
            return s;
        }
    }

    /** Unpickles one pickle with {@link Safe}. */
    static Object load(Safe u, byte[] pickle) {
        return load(u, new ByteArrayInputStream(pickle));
    }

    /** Unpickles the next pickle of a stream (the legacy format's sequence of pickles). */
    static Object load(Safe u, InputStream in) {
        try {
            return u.load(in);
        } catch (PickleException e) {
            // Pyrolite's own words, as they are in both languages
            throw new Refused(Message.of("problem.import.pickle.damaged", String.valueOf(e.getMessage())));
        } catch (IOException e) {
            throw new Refused(Message.of("problem.import.pickle.endsEarly"));
        } catch (RuntimeException e) {
            if (e instanceof Refused) {
                throw e;
            }
            throw new Refused(Message.of("problem.import.pickle.damaged", e.toString()));
        }
    }

    /** Decodes a storage's raw bytes (little-endian unless told). */
    static double[] decode(byte[] raw, StorageType type, long numel, ByteOrder order) {
        if (numel < 0 || numel * type.size() != raw.length) {
            throw new Refused(Message.of("problem.import.pickle.storageBytes", type.name(), numel, raw.length));
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(order);
        double[] v = new double[(int) numel];
        for (int i = 0; i < v.length; i++) {
            v[i] = switch (type.dtype()) {
                case "float32" -> b.getFloat();
                case "float64" -> b.getDouble();
                case "float16" -> half(b.getShort());
                case "bfloat16" -> Float.intBitsToFloat((b.getShort() & 0xffff) << 16);
                case "int64" -> b.getLong();
                case "int32" -> b.getInt();
                default -> throw new IllegalStateException(type.dtype());
            };
        }
        return v;
    }

    /** IEEE 754 binary16 to double, exactly. */
    static double half(short bits) {
        int s = (bits >> 15) & 1;
        int e = (bits >> 10) & 0x1f;
        int m = bits & 0x3ff;
        double v;
        if (e == 0) {
            v = m * Math.pow(2, -24);
        } else if (e == 31) {
            v = m == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else {
            v = (1 + m / 1024.0) * Math.pow(2, e - 15);
        }
        return s == 1 ? -v : v;
    }

    /** A state dict's tensors once every storage has its values: strides and offsets applied. */
    static LinkedHashMap<String, Tensor> tensors(Object root) {
        if (root instanceof TensorRef) {
            throw new Refused(Message.of("problem.import.pickle.oneTensor"));
        }
        if (!(root instanceof Map<?, ?> m)) {
            throw new Refused(Message.of("problem.import.pickle.holds", describe(root)));
        }
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String k)) {
                throw new Refused(Message.of("problem.import.pickle.keyNotName", describe(e.getKey())));
            }
            if (!(e.getValue() instanceof TensorRef t)) {
                throw new Refused(Message.of("problem.import.pickle.entryNotTensor", k, describe(e.getValue())));
            }
            out.put(k, materialise(k, t));
        }
        return out;
    }

    private static Tensor materialise(String key, TensorRef t) {
        double[] src = t.storage().values;
        if (src == null) {
            throw new Refused(Message.of("problem.at", key,
                    Message.of("problem.import.pickle.noData", t.storage().key)));
        }
        long n = 1;
        for (int d : t.size()) {
            n *= d;
        }
        if (n > org.unroll.engine.Limits.MAX_SIZE * (long) org.unroll.engine.Limits.MAX_SIZE * 4) {
            throw new Refused(Message.of("problem.at", key, Message.of("problem.import.pickle.tooLarge", n)));
        }
        double[] v = new double[(int) n];
        int[] idx = new int[t.size().length];
        for (int i = 0; i < v.length; i++) {
            long at = t.offset();
            for (int d = 0; d < idx.length; d++) {
                at += idx[d] * t.stride()[d];
            }
            if (at < 0 || at >= src.length) {
                throw new Refused(Message.of("problem.at", key, Message.of("problem.import.pickle.strides")));
            }
            v[i] = src[(int) at];
            for (int d = idx.length - 1; d >= 0; d--) {
                if (++idx[d] < t.size()[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return new Tensor(t.storage().type.dtype(), t.size(), v);
    }

    /** What a pickle's value is, in words (a Java class's name as it is). */
    private static Message describe(Object o) {
        if (o == null) {
            return Message.of("problem.import.pickle.kind.none");
        }
        if (o instanceof Map) {
            return Message.of("problem.import.pickle.kind.dict");
        }
        if (o instanceof List || o instanceof Object[]) {
            return Message.of("problem.import.pickle.kind.list");
        }
        if (o instanceof String) {
            return Message.of("problem.import.pickle.kind.string");
        }
        if (o instanceof Number || o instanceof Boolean) {
            return Message.of("problem.import.pickle.kind.number");
        }
        return Message.of("problem.import.pickle.kind.other", o.getClass().getSimpleName());
    }

    static long number(Object o) {
        if (o instanceof Number n && !(o instanceof Double) && !(o instanceof Float)) {
            if (o instanceof java.math.BigInteger b) {
                return b.longValueExact();
            }
            return n.longValue();
        }
        throw new Refused(Message.of("problem.import.pickle.wholeNumber", describe(o)));
    }

    static Object[] tuple(Object o) {
        if (o instanceof Object[] a) {
            return a;
        }
        if (o instanceof List<?> l) {
            return l.toArray();
        }
        throw new Refused(Message.of("problem.import.pickle.tuple", describe(o)));
    }
}
