package lens.batch.hourly;

import lens.batch.config.LensBatchProperties;
import org.springframework.batch.core.job.Job;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Registers one {@link Job} bean per name in {@code lens.batch.jobs}, so the list is configuration, not code,
 * and Spring Batch's job registry (used by {@code JobOperator.restart}) knows each of them.
 */
public class HourlyJobsRegistrar implements BeanDefinitionRegistryPostProcessor, EnvironmentAware {

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        LensBatchProperties props = Binder.get(environment).bindOrCreate("lens.batch", LensBatchProperties.class);
        BeanFactory beans = (BeanFactory) registry;
        for (String job : props.jobs()) {
            RootBeanDefinition definition = new RootBeanDefinition(Job.class);
            definition.setInstanceSupplier(() -> beans.getBean(HourlyJobFactory.class).create(job));
            registry.registerBeanDefinition(beanName(job), definition);
        }
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    }

    public static String beanName(String job) {
        return "lensJob." + job;
    }
}
