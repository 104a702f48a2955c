package io.omskit.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every kit keeps the conventions adapter authors rely on: rule numbers in names, sentences, nothing disabled. */
class KitConventionsTest {
    private static final List<Class<?>> KITS = List.of(OrderStoreCompatibilityKit.class,
            InventoryStoreCompatibilityKit.class, PaymentGatewayCompatibilityKit.class,
            CarrierGatewayCompatibilityKit.class, FraudScreenerCompatibilityKit.class,
            LocationDirectoryCompatibilityKit.class);
    private static final Pattern NAME = Pattern.compile("(required|optional)_R\\d+_\\d+_[a-z][A-Za-z0-9]*(_[a-z][A-Za-z0-9]*)*");

    private static List<Method> testMethods(Class<?> kit) {
        List<Method> out = new ArrayList<>();
        for (Class<?> nested : kit.getDeclaredClasses()) {
            if (nested.isAnnotationPresent(Nested.class)) {
                for (Method m : nested.getDeclaredMethods()) {
                    if (m.isAnnotationPresent(Test.class)) {
                        out.add(m);
                    }
                }
            }
        }
        return out;
    }

    @Test
    void everyKit_isAbstractWithNestedGroupsOfTests() {
        for (Class<?> kit : KITS) {
            assertThat(Modifier.isAbstract(kit.getModifiers())).as("%s abstract", kit.getSimpleName()).isTrue();
            assertThat(testMethods(kit)).as("tests of %s", kit.getSimpleName()).hasSizeGreaterThanOrEqualTo(4);
            for (Class<?> nested : kit.getDeclaredClasses()) {
                if (nested.isAnnotationPresent(Nested.class)) {
                    assertThat(nested.isAnnotationPresent(DisplayName.class)).as("%s has a @DisplayName", nested).isTrue();
                    assertThat(Modifier.isStatic(nested.getModifiers())).as("%s is an inner class", nested).isFalse();
                }
            }
        }
    }

    @Test
    void everyTestName_carriesItsRuleNumber_andHasASentence() {
        for (Class<?> kit : KITS) {
            for (Method m : testMethods(kit)) {
                assertThat(m.getName()).as("%s.%s", kit.getSimpleName(), m.getName()).matches(NAME);
                DisplayName dn = m.getAnnotation(DisplayName.class);
                assertThat(dn).as("%s has a @DisplayName", m).isNotNull();
                String rule = m.getName().split("_")[1].substring(1) + "." + m.getName().split("_")[2];
                assertThat(dn.value()).as("display name of %s names rule R%s", m.getName(), rule).contains("R" + rule);
            }
        }
    }

    @Test
    void noKitTest_isDisabled() {
        for (Class<?> kit : KITS) {
            assertThat(kit.isAnnotationPresent(Disabled.class)).isFalse();
            for (Method m : testMethods(kit)) {
                assertThat(m.isAnnotationPresent(Disabled.class)).as("%s disabled", m).isFalse();
                assertThat(m.getDeclaringClass().isAnnotationPresent(Disabled.class)).isFalse();
            }
        }
    }

    @Test
    void peersGroups_areOptional_andDeclaredByProtectedMethods() throws NoSuchMethodException {
        int withPeers = 0;
        for (Class<?> kit : KITS) {
            for (Class<?> nested : kit.getDeclaredClasses()) {
                if (!nested.getSimpleName().equals("Peers")) {
                    continue;
                }
                withPeers++;
                for (Method m : nested.getDeclaredMethods()) {
                    if (m.isAnnotationPresent(Test.class)) {
                        assertThat(m.getName()).as("%s.%s runs only when peers are declared", kit.getSimpleName(),
                                m.getName()).startsWith("optional_");
                    }
                }
                Method declared = kit.getDeclaredMethod("supportsPeers");
                assertThat(Modifier.isProtected(declared.getModifiers())).as("%s.supportsPeers", kit.getSimpleName())
                        .isTrue();
                Method factory = kit.getDeclaredMethod("createPeer", factoryPort(kit));
                assertThat(Modifier.isProtected(factory.getModifiers())).isTrue();
                assertThat(factory.getReturnType()).isEqualTo(factoryPort(kit));
            }
        }
        assertThat(withPeers).as("kits with a Peers group").isEqualTo(4);
    }

    /** The port a kit tests: the return type of its abstract factory. */
    private static Class<?> factoryPort(Class<?> kit) {
        for (Method m : kit.getDeclaredMethods()) {
            if (Modifier.isAbstract(m.getModifiers()) && m.getParameterCount() == 0) {
                return m.getReturnType();
            }
        }
        throw new AssertionError(kit.getSimpleName() + " has no abstract factory");
    }

    @Test
    void rulesOfEachPort_areAllCovered() {
        assertCovers(OrderStoreCompatibilityKit.class, "R1_", 10);
        assertCovers(InventoryStoreCompatibilityKit.class, "R2_", 8);
        assertCovers(LocationDirectoryCompatibilityKit.class, "R3_", 2);
        assertCovers(PaymentGatewayCompatibilityKit.class, "R4_", 6);
        assertCovers(FraudScreenerCompatibilityKit.class, "R5_", 2);
        assertCovers(CarrierGatewayCompatibilityKit.class, "R6_", 4);
    }

    private static void assertCovers(Class<?> kit, String prefix, int rules) {
        for (int r = 1; r <= rules; r++) {
            String rule = prefix + r + "_";
            assertThat(testMethods(kit).stream().anyMatch(m -> m.getName().contains("_" + rule)))
                    .as("%s has a test of %s", kit.getSimpleName(), rule).isTrue();
        }
    }
}
