package io.omskit.core.memory;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * A second adapter object over the same in-memory state, for the kits' optional peers tests: what a second
 * application server in the same JVM would hold (a distinct object whose every call reaches the one store).
 */
final class PeerView implements InvocationHandler {
    private final Object target;

    private PeerView(Object target) {
        this.target = target;
    }

    /** A new {@code port} object forwarding every call to {@code target}. */
    static <T> T of(Class<T> port, T target) {
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, new PeerView(target)));
    }

    /** The store behind {@code adapter}: itself, or the target of a peer view. */
    static Object target(Object adapter) {
        if (Proxy.isProxyClass(adapter.getClass()) && Proxy.getInvocationHandler(adapter) instanceof PeerView view) {
            return view.target;
        }
        return adapter;
    }

    @Override
    public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
