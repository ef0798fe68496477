/** Guide fee standards → amounts in 分, and staff items checked against them. */
import { checkItems, fixedBill, parseStandard } from '../../core/pay/fees';

describe('fee standards', () => {
  it('reads the seeded standards', () => {
    expect(parseStandard('120元/本')).toEqual({ kind: 'fixed', amountFen: 12000, allowedFen: [12000] });
    expect(parseStandard('80元/件；核发一本不动产权证书的不另收证书工本费，每增加一本加收10元')).toEqual({ kind: 'fixed', amountFen: 8000, allowedFen: [8000, 1000] });
    expect(parseStandard('一次有效15元/件，二次有效30元/件')).toEqual({ kind: 'choices', allowedFen: [1500, 3000] });
    expect(parseStandard('10-50元/件')).toEqual({ kind: 'range', minFen: 1000, maxFen: 5000 });
    expect(parseStandard('按国家规定的出入境证件和签注收费标准收取，具体金额在受理窗口和缴费页面公示')).toEqual({ kind: 'unparsed' });
  });

  it('bills fixed guides automatically, others only by staff within the standard', () => {
    const passport = [{ name: '普通护照', standard: '120元/本' }];
    expect(fixedBill(passport)).toEqual([{ name: '普通护照', amountFen: 12000 }]);
    const visa = [{ name: '赴港澳签注', standard: '一次有效15元/件，二次有效30元/件' }];
    expect(fixedBill(visa)).toBeNull();
    expect(checkItems([{ name: '赴港澳签注', amountFen: 3000 }], visa)).toBeNull();
    expect(checkItems([{ name: '赴港澳签注', amountFen: 2000 }], visa)).toContain('办事指南规定');
    expect(checkItems([{ name: '普通护照', amountFen: 12001 }], passport)).toContain('120元/本');
    expect(checkItems([{ name: '签证费', amountFen: 100 }], passport)).toContain('不在本事项办事指南');
    expect(checkItems([{ name: 'x', amountFen: 1 }], [{ name: 'x', standard: '按规定收取' }])).toContain('无法核对金额');
  });
});
