package io.tradehost.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * A decorator of an api interface (a class that implements it and holds an instance of it) must
 * override every method of it, default ones included: a default it inherits answers for the wrapped
 * object without asking it (as {@code Venue.supportsNatively} once did: every stop was held by the
 * host because the wrappers said the venue took none).
 */
final class DecoratorRule {
    private DecoratorRule() {
    }

    static final ArchRule DECORATORS_FORWARD_EVERY_METHOD = classes().that().areNotInterfaces()
            .should(new ArchCondition<JavaClass>("override every method of the api interface they decorate") {
                @Override
                public void check(JavaClass type, ConditionEvents events) {
                    for (JavaClass decorated : decoratedInterfaces(type)) {
                        for (JavaMethod method : decorated.getAllMethods()) {
                            if (method.getModifiers().contains(JavaModifier.STATIC)
                                    || method.getOwner().isEquivalentTo(Object.class)
                                    || !method.getOwner().isInterface()) {
                                continue;
                            }
                            boolean declared = type.tryGetMethod(method.getName(), method.getRawParameterTypes()
                                    .stream().map(JavaClass::getName).toArray(String[]::new)).isPresent();
                            if (!declared) {
                                events.add(SimpleConditionEvent.violated(type, type.getName() + " decorates "
                                        + decorated.getSimpleName() + " but does not override "
                                        + method.getOwner().getSimpleName() + "." + method.getName()
                                        + method.getRawParameterTypes().stream().map(JavaClass::getSimpleName)
                                                .toList().toString().replace('[', '(').replace(']', ')')));
                            }
                        }
                    }
                }
            });

    /** The api interfaces {@code type} implements and also holds a field of. */
    static List<JavaClass> decoratedInterfaces(JavaClass type) {
        return type.getAllRawInterfaces().stream()
                .filter(i -> i.getPackageName().startsWith("io.tradehost.api"))
                .filter(i -> type.getFields().stream().map(JavaField::getRawType).anyMatch(f -> f.getName().equals(
                        i.getName())))
                .toList();
    }
}
