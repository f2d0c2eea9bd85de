package lens.trainer.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class LoopbackDriverTest {

    @Test
    void givenALocalMaster_whenApplied_thenTheDriverListensOnLoopback() {
        SparkConf conf = LoopbackDriver.apply(new SparkConf(false).setMaster("local[2]"));

        assertThat(conf.get("spark.driver.host")).isEqualTo("127.0.0.1");
        assertThat(conf.get("spark.driver.bindAddress")).isEqualTo("127.0.0.1");
    }

    @Test
    void givenNoMaster_whenApplied_thenItCountsAsLocal() {
        assertThat(LoopbackDriver.apply(new SparkConf(false)).get("spark.driver.bindAddress")).isEqualTo("127.0.0.1");
    }

    @Test
    void givenAClusterMaster_whenApplied_thenTheDriverAddressIsLeftToSpark() {
        SparkConf conf = LoopbackDriver.apply(new SparkConf(false).setMaster("spark://10.0.0.5:7077"));

        assertThat(conf.contains("spark.driver.host")).isFalse();
        assertThat(conf.contains("spark.driver.bindAddress")).isFalse();
    }

    @Test
    void givenAnExplicitDriverHost_whenApplied_thenItIsKept() {
        SparkConf conf = LoopbackDriver.apply(new SparkConf(false).setMaster("local[*]")
                .set("spark.driver.host", "10.0.0.7"));

        assertThat(conf.get("spark.driver.host")).isEqualTo("10.0.0.7");
    }
}
