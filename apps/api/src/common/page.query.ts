import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/**
 * A keyset page's query: how many (`limit`, with the list's own default and maximum) and after
 * which row (`cursor`: the previous page's opaque nextCursor, libs/domain pagination/cursor.ts).
 * One class per list size, so every list validates and documents paging the same way.
 */
export function PageQueryOf(size: { limit: number; max: number }) {
  class PageQueryBase {
    @ApiPropertyOptional({ default: size.limit, minimum: 1, maximum: size.max })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(1)
    @Max(size.max)
    limit = size.limit;

    @ApiPropertyOptional({ description: 'Con trỏ trang tiếp theo (nextCursor của trang trước, cùng cách sắp xếp)' })
    @IsOptional()
    @IsString()
    @MaxLength(400)
    cursor?: string;
  }
  return PageQueryBase;
}

/** Task lists, inboxes and histories: 50 a page, at most 200. */
export class PageQuery extends PageQueryOf({ limit: 50, max: 200 }) {}
