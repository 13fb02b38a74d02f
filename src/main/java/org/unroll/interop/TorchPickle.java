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

    /** A pickle that names what a state dict never holds. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /** A storage class: names its dtype (never constructed). */
    record StorageType(String name, String dtype, int size) implements IObjectConstructor {
        @Override
        public Object construct(Object[] args) {
            throw new Refused("the pickle calls torch." + name + " directly, which a state dict never does");
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
            throw new Refused("the pickle builds an OrderedDict from arguments, which a state dict never does");
        }
        return new OrderedDict();
    };

    private static final IObjectConstructor REBUILD_TENSOR = args -> {
        if (args.length < 4 || !(args[0] instanceof Storage s)) {
            throw new Refused("the pickle calls torch._utils._rebuild_tensor_v2 with arguments that are not a tensor's");
        }
        long offset = number(args[1]);
        Object[] size = tuple(args[2]);
        Object[] stride = tuple(args[3]);
        if (size.length != stride.length) {
            throw new Refused("a tensor's size and stride differ in length");
        }
        int[] sz = new int[size.length];
        long[] st = new long[size.length];
        for (int i = 0; i < sz.length; i++) {
            long d = number(size[i]);
            if (d < 0 || d > Integer.MAX_VALUE) {
                throw new Refused("a tensor has a dimension of " + d);
            }
            sz[i] = (int) d;
            st[i] = number(stride[i]);
        }
        return new TensorRef(s, offset, sz, st);
    };

    private static final IObjectConstructor REBUILD_PARAMETER = args -> {
        if (args.length < 1 || !(args[0] instanceof TensorRef)) {
            throw new Refused("the pickle calls torch._utils._rebuild_parameter on something that is not a tensor");
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
                    throw new Refused("the pickle names the class " + module + "." + name
                            + ", which a state dict never holds; nothing was run");
                }
                case 'u' -> {
                    // SETITEMS in the file's order (Pyrolite's own puts them in reverse; the order
                    // says which module comes first, so an embedding in front is told apart)
                    List<Object> items = stack.pop_all_since_marker();
                    if (!(stack.peek() instanceof Map<?, ?> m) || items.size() % 2 != 0) {
                        throw new Refused("the pickle sets items of something that is not a dict");
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
                        throw new Refused("the pickle sets the state of an object that is not an OrderedDict,"
                                + " which a state dict never does");
                    }
                    return NO_RETURN_VALUE;
                }
                case 0x82, 0x83, 0x84 -> throw new Refused("the pickle names a class by an extension code,"
                        + " which a state dict never does; nothing was run");
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
                    throw new Refused("the pickle names " + full + ", which a state dict never holds"
                            + " (only tensors in an OrderedDict are accepted; to import a model, save"
                            + " model.state_dict()); nothing was run");
            }
        }

        @Override
        protected Object persistentLoad(Object pid) {
            Object[] t = tuple(pid);
            if (t.length < 5 || !"storage".equals(t[0]) || !(t[1] instanceof StorageType type)) {
                throw new Refused("the pickle refers to something that is not a tensor's storage");
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
            throw new Refused("the pickle is damaged (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new Refused("the pickle ends early: the file is truncated or damaged");
        } catch (RuntimeException e) {
            if (e instanceof Refused) {
                throw e;
            }
            throw new Refused("the pickle is damaged (" + e + ")");
        }
    }

    /** Decodes a storage's raw bytes (little-endian unless told). */
    static double[] decode(byte[] raw, StorageType type, long numel, ByteOrder order) {
        if (numel < 0 || numel * type.size() != raw.length) {
            throw new Refused("a " + type.name() + " of " + numel + " elements has " + raw.length + " bytes");
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
            throw new Refused("the file holds one tensor, not a state dict (an OrderedDict of named tensors)");
        }
        if (!(root instanceof Map<?, ?> m)) {
            throw new Refused("the file holds " + describe(root) + ", not a state dict (an OrderedDict of named tensors)");
        }
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String k)) {
                throw new Refused("the dict has a key that is not a name (" + describe(e.getKey()) + "), not a state dict");
            }
            if (!(e.getValue() instanceof TensorRef t)) {
                throw new Refused("the dict's entry " + k + " is " + describe(e.getValue())
                        + ", not a tensor: this is not a state dict (save model.state_dict())");
            }
            out.put(k, materialise(k, t));
        }
        return out;
    }

    private static Tensor materialise(String key, TensorRef t) {
        double[] src = t.storage().values;
        if (src == null) {
            throw new Refused(key + ": the file has no data for its storage " + t.storage().key);
        }
        long n = 1;
        for (int d : t.size()) {
            n *= d;
        }
        if (n > org.unroll.engine.Limits.MAX_SIZE * (long) org.unroll.engine.Limits.MAX_SIZE * 4) {
            throw new Refused(key + ": a tensor of " + n + " values is beyond the engine's limits");
        }
        double[] v = new double[(int) n];
        int[] idx = new int[t.size().length];
        for (int i = 0; i < v.length; i++) {
            long at = t.offset();
            for (int d = 0; d < idx.length; d++) {
                at += idx[d] * t.stride()[d];
            }
            if (at < 0 || at >= src.length) {
                throw new Refused(key + ": its offset and strides reach beyond its storage");
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

    private static String describe(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof Map) {
            return "a dict";
        }
        if (o instanceof List || o instanceof Object[]) {
            return "a list or tuple";
        }
        if (o instanceof String) {
            return "a string";
        }
        if (o instanceof Number || o instanceof Boolean) {
            return "a number";
        }
        return "a " + o.getClass().getSimpleName();
    }

    static long number(Object o) {
        if (o instanceof Number n && !(o instanceof Double) && !(o instanceof Float)) {
            if (o instanceof java.math.BigInteger b) {
                return b.longValueExact();
            }
            return n.longValue();
        }
        throw new Refused("the pickle has " + describe(o) + " where a tensor's whole number belongs");
    }

    static Object[] tuple(Object o) {
        if (o instanceof Object[] a) {
            return a;
        }
        if (o instanceof List<?> l) {
            return l.toArray();
        }
        throw new Refused("the pickle has " + describe(o) + " where a tensor's tuple belongs");
    }
}
